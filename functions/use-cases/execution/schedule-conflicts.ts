// The tenant's calendar conflicts over a range, and one campaign's own (for
// its approval page): the calendar entries of planned campaigns, the tenant's
// blackout dates, and the weekly bookings of the team.
import { findConflicts, type Conflict } from '../../domain/schedule-conflicts.ts';
import type { ExecutionDeps } from './execution-deps.ts';
import { checkRange, workload } from './workload.ts';

export async function conflicts(deps: Pick<ExecutionDeps, 'execution' | 'team' | 'now'>, tenantId: string, from: string, to: string): Promise<Conflict[]> {
  checkRange(from, to);
  const [calendar, settings, load] = await Promise.all([deps.execution.calendar(tenantId, from, to), deps.team.getSettings(tenantId), workload(deps, tenantId, from, to)]);
  return findConflicts({
    campaigns: calendar.map((r) => ({ campaignId: r.campaignId, name: r.name, audience: r.audience, tier: r.tier, launchDate: r.launchDate, requestedAt: r.requestedAt, posts: r.posts })),
    blackoutDates: settings?.blackoutDates ?? [],
    bookings: load.weeks,
    from,
    to,
  });
}

/** Conflicts that involve one campaign, over its own dates. */
export async function campaignConflicts(deps: Pick<ExecutionDeps, 'execution' | 'team' | 'now'>, tenantId: string, campaignId: string): Promise<Conflict[]> {
  const timeline = await deps.execution.getTimeline(tenantId, campaignId);
  if (!timeline) return [];
  const to = timeline.endDate > timeline.launchDate ? timeline.endDate : timeline.launchDate;
  const from = timeline.startDate < to ? timeline.startDate : to;
  return (await conflicts(deps, tenantId, from, to)).filter((c) => c.campaignIds.includes(campaignId));
}
