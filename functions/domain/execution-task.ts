// A task of a campaign's execution plan: one piece of work from the
// playbooks (with the document and section it comes from), its place in the
// schedule, who does it and how far it has got.
import { z } from 'zod';
import { CalendarDate, Channel, Id } from './vocabulary.ts';
import { Discipline } from './team-member.ts';

export const PHASES = ['STRATEGY', 'PRODUCTION', 'QA', 'LAUNCH', 'MEASUREMENT'] as const;
export const Phase = z.enum(PHASES);
export type Phase = z.infer<typeof Phase>;

export const TASK_STATES = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const;
export const TaskState = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskState>;

/** Finish-to-start with a lag in working days (Workfront's default dependency and lag types). */
export const Dependency = z.strictObject({ taskId: Id, lagDays: z.number().int().min(0).max(366) });
export type Dependency = z.infer<typeof Dependency>;

export const TaskSource = z.strictObject({
  /** Path under knowledge-content/, e.g. playbooks/email-campaign-checklist.md. */
  documentId: z.string().min(1),
  section: z.string().min(1),
});
export type TaskSource = z.infer<typeof TaskSource>;

export const ExecutionTask = z.strictObject({
  taskId: Id,
  campaignId: Id,
  name: z.string().min(1).max(255),
  phase: Phase,
  discipline: Discipline,
  channel: Channel.optional(),
  /** Post this task produces or publishes, if any. */
  postId: Id.optional(),
  milestone: z.boolean(),
  durationDays: z.number().int().min(0).max(366),
  /** Hours of work per working day of the task. */
  hoursPerDay: z.number().min(0).max(24),
  dependsOn: z.array(Dependency).max(1000),
  source: TaskSource,
  startDate: CalendarDate,
  endDate: CalendarDate,
  critical: z.boolean(),
  state: TaskState,
  percentComplete: z.number().int().min(0).max(100),
  blockedReason: z.string().max(2000).optional(),
  completionNotes: z.string().max(4000).optional(),
  assigneeId: Id.optional(),
  /** Why the assigner chose this member (or nobody), in words a planner reads. */
  assignmentReason: z.string().max(2000).optional(),
  workfrontTaskId: z.string().optional(),
  /** Optimistic-lock counter: every write names the version it read. */
  version: z.number().int().min(0),
  updatedAt: z.iso.datetime(),
});
export type ExecutionTask = z.infer<typeof ExecutionTask>;

/** The effort a task puts on its assignee, in hours. */
export function effortHours(task: Pick<ExecutionTask, 'durationDays' | 'hoursPerDay'>): number {
  return task.durationDays * task.hoursPerDay;
}
