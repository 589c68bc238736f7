// planExecution: the campaign's timeline from the playbooks, its tasks
// assigned by skill and load, stored. Run again (after a revision, or by
// SyncToWorkfront's retry) it keeps the assignee, progress and Workfront ID of
// every task whose work has not changed, and re-plans only the rest.
import { assignTasks, type AssignableTask } from '../../domain/assigner.ts';
import type { Campaign } from '../../domain/campaign.ts';
import { calendarDateOf } from '../../domain/calendar.ts';
import type { ExecutionTask } from '../../domain/execution-task.ts';
import { buildTimeline, type PlannedTask } from '../../domain/timeline.ts';
import type { TimelineRecord } from '../../domain/timeline-record.ts';
import type { ExecutionDeps } from './execution-deps.ts';
import { bookedTasks, loadFrom } from './member-load.ts';

export interface PlannedExecution {
  readonly timeline: TimelineRecord;
  readonly tasks: ExecutionTask[];
}

/** The parts of a task that, when they change, make it a different piece of work. */
function signature(t: Pick<ExecutionTask, 'name' | 'discipline' | 'durationDays'> & { readonly dependsOn: readonly { taskId: string; lagDays: number }[] }): string {
  return JSON.stringify([t.name, t.discipline, t.durationDays, t.dependsOn.map((d) => `${d.taskId}+${d.lagDays}`).sort()]);
}

/** The planned posts; a campaign stored without its plan (older data) falls back to its stored posts. */
async function postsOf(deps: ExecutionDeps, campaign: Campaign) {
  const posts = campaign.plan?.posts ?? (await deps.campaigns.listPosts(campaign.tenantId, campaign.campaignId));
  return posts.map((p) => ({ postId: p.postId, channel: p.channel, publishDate: p.publishDate }));
}

export async function planExecution(deps: ExecutionDeps, input: { tenantId: string; campaignId: string }): Promise<PlannedExecution> {
  const { tenantId, campaignId } = input;
  const campaign = await deps.campaigns.require(tenantId, campaignId);
  const posts = await postsOf(deps, campaign);
  const now = deps.now();
  const today = calendarDateOf(now);
  const { brief } = campaign;
  const timeline = buildTimeline({ tier: campaign.tier, type: brief.type, channels: brief.channels, launchDate: brief.launchDate, posts }, today);

  const [previous, team] = await Promise.all([deps.execution.listTasks(tenantId, campaignId), deps.team.list(tenantId)]);
  const before = new Map(previous.map((t) => [t.taskId, t]));
  const lastDate = timeline.tasks.reduce((max, t) => (t.endDate > max ? t.endDate : max), timeline.startDate);
  const booked = await bookedTasks(deps, tenantId, team, timeline.startDate, lastDate);
  const members = new Set(team.map((m) => m.memberId));

  const kept = (planned: PlannedTask) => {
    const old = before.get(planned.taskId);
    return old && signature(old) === signature(planned) ? old : undefined;
  };
  const assignable: AssignableTask[] = timeline.tasks.map((t) => {
    const old = kept(t);
    // An unchanged task stays with whoever has it (while they are on the team).
    const keep = old?.assigneeId && members.has(old.assigneeId) ? old.assigneeId : undefined;
    return { taskId: t.taskId, discipline: t.discipline, channel: t.channel, start: t.start, finish: t.finish, hoursPerDay: t.hoursPerDay, lockedAssigneeId: keep };
  });
  const { assignments } = assignTasks(assignable, team, loadFrom(booked, campaignId));
  const byTask = new Map(assignments.map((a) => [a.taskId, a]));

  const at = now.toISOString();
  const tasks = timeline.tasks.map((t): ExecutionTask => {
    const old = kept(t);
    const assignment = byTask.get(t.taskId);
    const keptAssignment = assignment?.reason.startsWith('kept:') && old;
    return {
      taskId: t.taskId,
      campaignId,
      name: t.name,
      phase: t.phase,
      discipline: t.discipline,
      ...(t.channel ? { channel: t.channel } : {}),
      ...(t.postId ? { postId: t.postId } : {}),
      milestone: t.milestone,
      durationDays: t.durationDays,
      hoursPerDay: t.hoursPerDay,
      dependsOn: [...t.dependsOn],
      source: t.source,
      startDate: t.startDate,
      endDate: t.endDate,
      critical: t.critical,
      state: old?.state ?? 'NOT_STARTED',
      percentComplete: old?.percentComplete ?? 0,
      ...(old?.blockedReason ? { blockedReason: old.blockedReason } : {}),
      ...(old?.completionNotes ? { completionNotes: old.completionNotes } : {}),
      ...(assignment?.assigneeId ? { assigneeId: assignment.assigneeId } : {}),
      ...(keptAssignment && old.assignmentReason ? { assignmentReason: old.assignmentReason } : assignment ? { assignmentReason: assignment.reason } : {}),
      ...(before.get(t.taskId)?.workfrontTaskId ? { workfrontTaskId: before.get(t.taskId)?.workfrontTaskId as string } : {}),
      version: (before.get(t.taskId)?.version ?? -1) + 1,
      updatedAt: at,
    };
  });
  const current = new Set(tasks.map((t) => t.taskId));
  const record: TimelineRecord = {
    campaignId,
    name: brief.name,
    audience: brief.audience,
    tier: campaign.tier,
    launchDate: brief.launchDate,
    endDate: brief.endDate,
    requestedAt: campaign.createdAt,
    startDate: timeline.startDate,
    criticalPath: [...timeline.criticalPath],
    slipDays: timeline.slipDays,
    revision: campaign.revision,
    posts,
    generatedAt: at,
  };
  await deps.execution.saveTimeline(tenantId, record, tasks, previous.filter((t) => !current.has(t.taskId)).map((t) => t.taskId));
  return { timeline: record, tasks };
}
