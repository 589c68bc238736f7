// How an execution task looks as a Workfront TASK. Field names as Adobe
// documents them: `plannedStartDate` / `plannedCompletionDate`, `projectID`,
// `extRefID`; the assignee as the nested collection `assignments: [{
// assignedToID }]` (API basics, "Making Nested Updates" — it replaces the
// collection); predecessors as PRED objects linking a predecessor task to its
// successor (`predecessorID`, Data Lake dictionary "Task Predecessor"), of
// dependency type Finish-Start `fs` ("Overview of task dependency types"),
// with the lag in days, Workfront's default lag type ("Lag Types overview").
// The nested `predecessors` collection's REST spelling follows `assignments`;
// see test/workfront/fixtures/execution-payloads.ts.
import type { ExecutionTask } from '../../domain/execution-task.ts';
import type { Post } from '../../domain/post.ts';
import type { TeamMember } from '../../domain/team-member.ts';
import { topologicalOrder } from '../../domain/task-network.ts';
import type { Fields } from '../../workfront/client.ts';
import { taskFields } from '../sync-to-workfront.ts';

export const TASK_REF_PREFIX = 'mcc-task:';

/** A post's publish task keeps the post ID (what one-task-per-post sync used); every other task is prefixed. */
export function workfrontTaskRef(task: Pick<ExecutionTask, 'taskId' | 'postId'>): string {
  return task.postId && task.taskId === `post-${task.postId}-publish` ? task.postId : `${TASK_REF_PREFIX}${task.taskId}`;
}

/** Predecessors before successors. */
export function syncOrder(tasks: readonly ExecutionTask[]): ExecutionTask[] {
  const byId = new Map(tasks.map((t) => [t.taskId, t]));
  return topologicalOrder(tasks.map((t) => ({ id: t.taskId, durationDays: t.durationDays, dependsOn: t.dependsOn.filter((d) => byId.has(d.taskId)) }))).map((id) => byId.get(id) as ExecutionTask);
}

export function workfrontTaskFields(
  task: ExecutionTask,
  context: { projectID: string; post: Post | undefined; assignee: TeamMember | undefined; workfrontIds: ReadonlyMap<string, string> },
): Fields {
  const base: Fields = context.post && workfrontTaskRef(task) === context.post.postId
    ? { ...taskFields(context.post, context.projectID) }
    : { name: task.name.slice(0, 255), description: `${task.phase} · ${task.discipline}${task.channel ? ` · ${task.channel}` : ''}\nSource: ${task.source.documentId} — ${task.source.section}`, projectID: context.projectID };
  const predecessors = task.dependsOn.flatMap((d) => {
    const id = context.workfrontIds.get(d.taskId);
    return id ? [{ predecessorID: id, predecessorType: 'fs', lagDays: d.lagDays }] : [];
  });
  return {
    ...base,
    plannedStartDate: task.startDate,
    plannedCompletionDate: task.endDate,
    extRefID: workfrontTaskRef(task),
    ...(context.assignee?.workfrontUserId ? { assignments: [{ assignedToID: context.assignee.workfrontUserId }] } : {}),
    ...(predecessors.length > 0 ? { predecessors } : {}),
  };
}
