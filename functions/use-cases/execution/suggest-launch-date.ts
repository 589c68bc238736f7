// suggestLaunchDate for a brief (or a campaign): the timeline the playbooks
// give it, laid against the tenant's calendar, blackout dates and the team's
// free hours, and the earliest launch day that satisfies all of them.
import { calendarDateOf } from '../../domain/calendar.ts';
import type { Tier } from '../../domain/campaign-tiers.ts';
import { suggestLaunchDate as earliestLaunch, type LaunchDateSuggestion } from '../../domain/launch-date.ts';
import { audienceKey } from '../../domain/schedule-conflicts.ts';
import { timelineTasks } from '../../domain/timeline-rules.ts';
import { toNetwork } from '../../domain/timeline.ts';
import { schedule } from '../../domain/task-network.ts';
import type { CampaignType, Channel } from '../../domain/vocabulary.ts';
import { addDays } from '../../domain/calendar.ts';
import type { ExecutionDeps } from './execution-deps.ts';
import { bookedTasks, loadFrom } from './member-load.ts';

export interface LaunchRequest {
  readonly tier: Tier;
  readonly type: CampaignType;
  readonly channels: readonly Channel[];
  readonly audience: string;
  readonly notBefore?: string;
}

const HORIZON_DAYS = 365;

export async function suggestLaunchDate(deps: Pick<ExecutionDeps, 'execution' | 'team' | 'now'>, tenantId: string, request: LaunchRequest): Promise<LaunchDateSuggestion> {
  const today = calendarDateOf(deps.now());
  const horizonEnd = addDays(today, HORIZON_DAYS + 120);
  const [calendar, settings, team] = await Promise.all([deps.execution.calendar(tenantId, today, horizonEnd), deps.team.getSettings(tenantId), deps.team.list(tenantId)]);
  const key = audienceKey(request.audience);
  const taken = new Set(calendar.filter((c) => audienceKey(c.audience) === key).flatMap((c) => c.posts.map((p) => `${p.publishDate}|${p.channel}`)));

  // The campaign's own work by week relative to its launch week, from the playbook timeline.
  const specs = timelineTasks({ tier: request.tier, type: request.type, channels: request.channels, launchDate: today, posts: [] });
  const pure = schedule(toNetwork(specs, false));
  const launchAt = pure.nodes.get('launch')?.start ?? 0;
  const byOffset = new Map<number, number>();
  for (const spec of specs) {
    const at = pure.nodes.get(spec.taskId);
    if (!at || spec.hoursPerDay === 0) continue;
    for (let day = at.start; day < at.finish; day++) {
      // Weeks counted as if the launch were on a Monday: close enough for a capacity check.
      const offset = Math.floor((day - launchAt) / 5);
      byOffset.set(offset, (byOffset.get(offset) ?? 0) + spec.hoursPerDay);
    }
  }
  const booked = await bookedTasks(deps, tenantId, team, today, horizonEnd);
  const load = loadFrom(booked);
  const capacity = team.reduce((sum, m) => sum + m.weeklyCapacityHours, 0);
  const freeHoursByWeek = (week: number) => capacity - [...load.values()].reduce((sum, weeks) => sum + (weeks.get(week) ?? 0), 0);

  return earliestLaunch({
    tier: request.tier,
    requestedOn: today,
    ...(request.notBefore ? { notBefore: request.notBefore } : {}),
    channels: request.channels,
    blackoutDates: settings?.blackoutDates ?? [],
    takenSlots: taken,
    hoursByWeekOffset: byOffset,
    freeHoursByWeek,
    horizonDays: HORIZON_DAYS,
  });
}
