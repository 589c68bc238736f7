// A campaign's timeline: the playbook tasks (timeline-rules.ts) scheduled
// back from the launch date — the network is laid out as early as it can
// go, then shifted so its launch milestone falls on the launch day (never
// starting before today) — with the critical path to launch marked.
import { ValidationError } from './errors.ts';
import { schedule, type NetworkNode } from './task-network.ts';
import { timelineTasks, type TaskSpec, type TimelineInput } from './timeline-rules.ts';
import { dateOfWorkingIndex, workingIndex } from './working-days.ts';

export interface PlannedTask extends TaskSpec {
  readonly startDate: string;
  readonly endDate: string;
  /** Working-day indexes, kept for the assigner and the workload. */
  readonly start: number;
  readonly finish: number;
  readonly critical: boolean;
}

export interface Timeline {
  readonly tasks: readonly PlannedTask[];
  readonly criticalPath: readonly string[];
  readonly startDate: string;
  readonly launchDate: string;
  /** Working days the launch milestone lands after the requested launch date (0 when on time). */
  readonly slipDays: number;
}

export const LAUNCH_TASK_ID = 'launch';

export function toNetwork(tasks: readonly TaskSpec[], withConstraints: boolean): NetworkNode[] {
  return tasks.map((t) => ({
    id: t.taskId,
    durationDays: t.durationDays,
    dependsOn: t.dependsOn,
    ...(withConstraints && t.notBeforeDate ? { notBefore: workingIndex(t.notBeforeDate) } : {}),
  }));
}

/** Planned dates of tasks laid out on working days; `start` is the first day worked, `finish` the first day after. */
export function planTasks(specs: readonly TaskSpec[], launchDate: string, today: string): Timeline {
  if (!specs.some((t) => t.taskId === LAUNCH_TASK_ID)) {
    throw new ValidationError('timeline', [{ field: 'tasks', message: `needs a ${LAUNCH_TASK_ID} milestone` }]);
  }
  const pure = schedule(toNetwork(specs, false));
  const leadDays = pure.nodes.get(LAUNCH_TASK_ID)?.start ?? 0;
  const origin = Math.max(workingIndex(today), workingIndex(launchDate) - leadDays);
  const planned = schedule(toNetwork(specs, true), origin);
  const critical = new Set(planned.pathTo(LAUNCH_TASK_ID));
  const launch = planned.nodes.get(LAUNCH_TASK_ID);
  const tasks = specs.map((spec): PlannedTask => {
    const at = planned.nodes.get(spec.taskId);
    if (!at) throw new Error(`unscheduled task ${spec.taskId}`);
    const last = spec.durationDays === 0 ? at.start : at.finish - 1;
    return { ...spec, start: at.start, finish: at.finish, startDate: dateOfWorkingIndex(at.start), endDate: dateOfWorkingIndex(last), critical: critical.has(spec.taskId) };
  });
  return {
    tasks,
    criticalPath: [...critical],
    startDate: dateOfWorkingIndex(origin),
    launchDate,
    slipDays: Math.max(0, (launch?.start ?? 0) - workingIndex(launchDate)),
  };
}

export function buildTimeline(input: TimelineInput, today: string): Timeline {
  return planTasks(timelineTasks(input), input.launchDate, today);
}
