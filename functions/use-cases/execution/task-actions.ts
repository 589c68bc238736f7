// What people do to tasks: create one, assign or reassign it, block it with
// a reason, unblock it, record progress, complete it with notes. Each write
// names the version it read; a stale one is refused, never merged.
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { Dependency, ExecutionTask, Phase, type TaskState } from '../../domain/execution-task.ts';
import { Discipline } from '../../domain/team-member.ts';
import { topologicalOrder } from '../../domain/task-network.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import { CalendarDate, Channel, Id } from '../../domain/vocabulary.ts';
import { dateOfWorkingIndex, workingIndex } from '../../domain/working-days.ts';
import { z } from 'zod';
import type { TaskPatch } from '../../data/execution-repository.ts';
import type { ExecutionDeps } from './execution-deps.ts';

export type TaskAction =
  | { readonly kind: 'assign'; readonly memberId: string | null; readonly by: string }
  | { readonly kind: 'block'; readonly reason: string }
  | { readonly kind: 'unblock' }
  | { readonly kind: 'progress'; readonly percentComplete: number }
  | { readonly kind: 'complete'; readonly notes?: string };

export interface TaskRef {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly taskId: string;
  readonly expectedVersion: number;
}

function refuse(field: string, message: string): never {
  throw new ValidationError('task change', [{ field, message }]);
}

/** The patch an action makes to a task, or a clear refusal. */
async function patchFor(deps: Pick<ExecutionDeps, 'team'>, tenantId: string, task: ExecutionTask, action: TaskAction): Promise<TaskPatch> {
  switch (action.kind) {
    case 'assign': {
      if (action.memberId === null) return { assigneeId: null, assignmentReason: `unassigned by ${action.by}` };
      const member = await deps.team.get(tenantId, action.memberId);
      if (!member) throw new NotFoundError('Team member', action.memberId);
      return { assigneeId: member.memberId, assignmentReason: `assigned to ${member.name} by ${action.by}` };
    }
    case 'block': {
      const reason = action.reason.trim();
      if (reason.length === 0 || reason.length > 2000) refuse('reason', 'must be 1-2000 characters');
      if (task.state === 'DONE') refuse('state', 'a completed task cannot be blocked');
      return { state: 'BLOCKED', blockedReason: reason };
    }
    case 'unblock':
      if (task.state !== 'BLOCKED') refuse('state', 'only a blocked task can be unblocked');
      return { state: task.percentComplete > 0 ? 'IN_PROGRESS' : 'NOT_STARTED', blockedReason: null };
    case 'progress': {
      const p = action.percentComplete;
      if (!Number.isInteger(p) || p < 0 || p > 100) refuse('percentComplete', 'must be a whole number from 0 to 100');
      if (task.state === 'BLOCKED') refuse('state', 'unblock the task before recording progress');
      const state: TaskState = p === 100 ? 'DONE' : p > 0 ? 'IN_PROGRESS' : 'NOT_STARTED';
      return { percentComplete: p, state };
    }
    case 'complete': {
      const notes = action.notes?.trim();
      if (notes !== undefined && notes.length > 4000) refuse('notes', 'must be at most 4000 characters');
      return { state: 'DONE', percentComplete: 100, blockedReason: null, ...(notes ? { completionNotes: notes } : {}) };
    }
  }
}

export async function changeTask(deps: Pick<ExecutionDeps, 'execution' | 'team' | 'now'>, ref: TaskRef, action: TaskAction): Promise<ExecutionTask> {
  const task = await deps.execution.requireTask(ref.tenantId, ref.campaignId, ref.taskId);
  if (task.version !== ref.expectedVersion) throw new ConflictError(`Task ${ref.taskId} is at version ${task.version}, not ${ref.expectedVersion}; read it again`);
  const patch = await patchFor(deps, ref.tenantId, task, action);
  return deps.execution.updateTask(ref.tenantId, ref.campaignId, ref.taskId, ref.expectedVersion, patch, deps.now());
}

export const NewTaskInput = z.strictObject({
  taskId: Id,
  name: z.string().trim().min(1).max(255),
  phase: Phase,
  discipline: Discipline,
  channel: Channel.optional(),
  durationDays: z.number().int().min(0).max(366),
  hoursPerDay: z.number().min(0).max(24).default(4),
  dependsOn: z.array(Dependency).max(50).default([]),
  /** Earliest start; the task otherwise starts when its predecessors (plus lag) allow. */
  startDate: CalendarDate.optional(),
});

/** Adds a task to a planned campaign; a cycle, an unknown predecessor or a taken ID changes nothing. */
export async function createTask(deps: Pick<ExecutionDeps, 'execution' | 'now'>, tenantId: string, campaignId: string, input: unknown): Promise<ExecutionTask> {
  const spec = parseOrThrow(NewTaskInput, input, 'task');
  const timeline = await deps.execution.getTimeline(tenantId, campaignId);
  if (!timeline) throw new NotFoundError('Timeline of campaign', campaignId);
  const tasks = await deps.execution.listTasks(tenantId, campaignId);
  if (tasks.some((t) => t.taskId === spec.taskId)) refuse('taskId', `${spec.taskId} already exists in this campaign`);
  topologicalOrder([...tasks.map((t) => ({ id: t.taskId, durationDays: t.durationDays, dependsOn: t.dependsOn })), { id: spec.taskId, durationDays: spec.durationDays, dependsOn: spec.dependsOn }]);
  const byId = new Map(tasks.map((t) => [t.taskId, t]));
  let start = workingIndex(spec.startDate ?? timeline.startDate);
  for (const dep of spec.dependsOn) {
    const pred = byId.get(dep.taskId) as ExecutionTask;
    const predFinish = workingIndex(pred.endDate) + (pred.durationDays === 0 ? 0 : 1);
    start = Math.max(start, predFinish + dep.lagDays);
  }
  const end = spec.durationDays === 0 ? start : start + spec.durationDays - 1;
  const task = parseOrThrow(
    ExecutionTask,
    {
      ...spec,
      campaignId,
      milestone: spec.durationDays === 0,
      source: { documentId: 'manual', section: 'Added by a person' },
      startDate: dateOfWorkingIndex(start),
      endDate: dateOfWorkingIndex(end),
      critical: false,
      state: 'NOT_STARTED',
      percentComplete: 0,
      version: 0,
      updatedAt: deps.now().toISOString(),
    },
    'task',
  );
  await deps.execution.saveTimeline(tenantId, timeline, [task]);
  return task;
}
