// A Workfront task update flowing back into its execution task: status
// (NEW / INP / CPL, Workfront's built-in task statuses, also with a custom
// alias such as `INP:A`) and percent complete. Runs inside the webhook's
// de-duplicated apply, before the link records the event, so a failure here
// leaves the delivery to be retried; events older than the last applied are
// ignored.
import type { ExecutionRepository } from '../../data/execution-repository.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { TaskState } from '../../domain/execution-task.ts';
import type { WorkfrontLink } from '../../domain/workfront-link.ts';

export interface TaskProgressEvent {
  readonly status: string | undefined;
  readonly percentComplete: number | undefined;
  readonly eventAt: string;
  readonly deleted: boolean;
}

/** Optimistic writes race only with people editing the same task; a few re-reads settle it. */
const ATTEMPTS = 4;

export function stateOf(status: string | undefined, current: TaskState): TaskState {
  const code = status?.split(':')[0];
  if (code === 'CPL') return 'DONE';
  if (current === 'BLOCKED') return 'BLOCKED';
  if (code === 'INP') return 'IN_PROGRESS';
  if (code === 'NEW') return 'NOT_STARTED';
  return current;
}

export async function applyTaskProgress(execution: ExecutionRepository, tenantId: string, link: WorkfrontLink, event: TaskProgressEvent, now: Date): Promise<'updated' | 'unchanged' | 'stale' | 'untracked'> {
  if (link.objCode !== 'TASK' || !link.taskId || event.deleted) return 'untracked';
  if (link.lastEventAt && event.eventAt <= link.lastEventAt) return 'stale';
  for (let attempt = 1; ; attempt++) {
    const task = await execution.getTask(tenantId, link.campaignId, link.taskId);
    if (!task) return 'untracked';
    const state = stateOf(event.status, task.state);
    const percent = state === 'DONE' ? 100 : event.percentComplete === undefined ? task.percentComplete : Math.round(event.percentComplete);
    if (state === task.state && percent === task.percentComplete) return 'unchanged';
    try {
      await execution.updateTask(tenantId, link.campaignId, link.taskId, task.version, { state, percentComplete: percent, ...(state === 'DONE' ? { blockedReason: null } : {}) }, now);
      return 'updated';
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
