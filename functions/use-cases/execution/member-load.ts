// Hours each member already has booked per week on other campaigns' tasks,
// read through the "my tasks" index: the assigner and the workload both
// start from it.
import type { Workload } from '../../domain/assigner.ts';
import { addDays } from '../../domain/calendar.ts';
import type { ExecutionTask } from '../../domain/execution-task.ts';
import type { TeamMember } from '../../domain/team-member.ts';
import { dateOfWorkingIndex, weekOfWorkingIndex, workingIndex } from '../../domain/working-days.ts';
import type { ExecutionDeps } from './execution-deps.ts';

/** Tasks are found by start date; one starting this long before a range can still run into it. */
const LOOK_BACK_DAYS = 90;

export interface BookedTask {
  readonly memberId: string;
  readonly task: ExecutionTask;
}

export async function bookedTasks(deps: Pick<ExecutionDeps, 'execution'>, tenantId: string, team: readonly TeamMember[], from: string, to: string): Promise<BookedTask[]> {
  const lists = await Promise.all(team.map(async (m) => (await deps.execution.tasksOf(tenantId, m.memberId, addDays(from, -LOOK_BACK_DAYS), to)).map((task) => ({ memberId: m.memberId, task }))));
  return lists.flat().filter(({ task }) => task.endDate >= from && task.startDate <= to);
}

/** Hours per week of a task: its hours per day on each of its working days. */
export function taskWeeks(task: Pick<ExecutionTask, 'startDate' | 'durationDays' | 'hoursPerDay'>): Map<number, number> {
  const weeks = new Map<number, number>();
  const start = workingIndex(task.startDate);
  for (let day = start; day < start + task.durationDays; day++) {
    const week = weekOfWorkingIndex(day);
    weeks.set(week, (weeks.get(week) ?? 0) + task.hoursPerDay);
  }
  return weeks;
}

export function loadFrom(booked: readonly BookedTask[], exceptCampaignId?: string): Workload {
  const load: Workload = new Map();
  for (const { memberId, task } of booked) {
    if (task.campaignId === exceptCampaignId || task.state === 'DONE') continue;
    let weeks = load.get(memberId);
    if (!weeks) load.set(memberId, (weeks = new Map()));
    for (const [week, hours] of taskWeeks(task)) weeks.set(week, (weeks.get(week) ?? 0) + hours);
  }
  return load;
}

export { dateOfWorkingIndex };
