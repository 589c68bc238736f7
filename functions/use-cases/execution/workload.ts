// Workload per member per week over a date range, and the bottlenecks in it:
// members booked over capacity, and critical-path tasks that are blocked or
// late (past their end date and not done).
import { daysBetween } from '../../domain/calendar.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { ExecutionTask } from '../../domain/execution-task.ts';
import type { WeeklyBooking } from '../../domain/schedule-conflicts.ts';
import { weekStartDate } from '../../domain/working-days.ts';
import { calendarDateOf } from '../../domain/calendar.ts';
import type { ExecutionDeps } from './execution-deps.ts';
import { bookedTasks, taskWeeks } from './member-load.ts';

export const MAX_RANGE_DAYS = 366;

export interface MemberWeek extends WeeklyBooking {
  readonly name: string;
}

export interface Bottleneck {
  readonly kind: 'OVER_CAPACITY' | 'BLOCKED_CRITICAL' | 'LATE_CRITICAL';
  readonly message: string;
  readonly memberId?: string;
  readonly campaignId?: string;
  readonly taskId?: string;
}

export function checkRange(from: string, to: string): void {
  if (from > to) throw new ValidationError('date range', [{ field: 'to', message: `must not be before from (${from})` }]);
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw new ValidationError('date range', [{ field: 'to', message: `must be within ${MAX_RANGE_DAYS} days of from` }]);
}

export async function workload(deps: Pick<ExecutionDeps, 'execution' | 'team' | 'now'>, tenantId: string, from: string, to: string): Promise<{ weeks: MemberWeek[]; bottlenecks: Bottleneck[] }> {
  checkRange(from, to);
  const team = await deps.team.list(tenantId);
  const booked = await bookedTasks(deps, tenantId, team, from, to);
  const cells = new Map<string, { hours: number; campaigns: Set<string> }>();
  for (const { memberId, task } of booked) {
    if (task.state === 'DONE') continue;
    for (const [week, hours] of taskWeeks(task)) {
      const weekStart = weekStartDate(week);
      const key = `${memberId}|${weekStart}`;
      const cell = cells.get(key) ?? { hours: 0, campaigns: new Set<string>() };
      cell.hours += hours;
      cell.campaigns.add(task.campaignId);
      cells.set(key, cell);
    }
  }
  const byId = new Map(team.map((m) => [m.memberId, m]));
  const weeks: MemberWeek[] = [...cells]
    .map(([key, cell]) => {
      const [memberId = '', weekStart = ''] = key.split('|');
      const member = byId.get(memberId);
      return { memberId, name: member?.name ?? memberId, weekStart, hours: cell.hours, capacityHours: member?.weeklyCapacityHours ?? 0, campaignIds: [...cell.campaigns].sort() };
    })
    .filter((w) => w.weekStart <= to)
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.memberId.localeCompare(b.memberId));

  const today = calendarDateOf(deps.now());
  const bottlenecks: Bottleneck[] = weeks
    .filter((w) => w.hours > w.capacityHours)
    .map((w) => ({ kind: 'OVER_CAPACITY' as const, memberId: w.memberId, message: `${w.name} is booked ${w.hours} h in the week of ${w.weekStart} (capacity ${w.capacityHours} h)` }));
  const seen = new Set<string>();
  for (const { task } of booked) {
    const key = `${task.campaignId}|${task.taskId}`;
    if (!task.critical || seen.has(key)) continue;
    seen.add(key);
    const late = task.state !== 'DONE' && task.endDate < today;
    if (task.state === 'BLOCKED') bottlenecks.push(bottleneckOf('BLOCKED_CRITICAL', task, `critical-path task "${task.name}" is blocked: ${task.blockedReason ?? 'no reason given'}`));
    else if (late) bottlenecks.push(bottleneckOf('LATE_CRITICAL', task, `critical-path task "${task.name}" was due ${task.endDate} and is ${task.percentComplete}% done`));
  }
  return { weeks, bottlenecks };
}

function bottleneckOf(kind: Bottleneck['kind'], task: ExecutionTask, message: string): Bottleneck {
  return { kind, campaignId: task.campaignId, taskId: task.taskId, ...(task.assigneeId ? { memberId: task.assigneeId } : {}), message };
}
