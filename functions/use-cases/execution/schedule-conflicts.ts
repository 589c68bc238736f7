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

/**
 * Conflicts that involve one campaign, over its own dates. Before its
 * timeline exists (an approver looking at it) the campaign's plan stands in
 * for its calendar entry.
 */
export async function campaignConflicts(deps: Pick<ExecutionDeps, 'campaigns' | 'execution' | 'team' | 'now'>, tenantId: string, campaignId: string): Promise<Conflict[]> {
  const timeline = await deps.execution.getTimeline(tenantId, campaignId);
  if (timeline) {
    const from = timeline.startDate < timeline.launchDate ? timeline.startDate : timeline.launchDate;
    return (await conflicts(deps, tenantId, from, timeline.endDate)).filter((c) => c.campaignIds.includes(campaignId));
  }
  const campaign = await deps.campaigns.get(tenantId, campaignId);
  if (!campaign) return [];
  const { brief } = campaign;
  const [calendar, settings, load] = await Promise.all([deps.execution.calendar(tenantId, brief.launchDate, brief.endDate), deps.team.getSettings(tenantId), workload(deps, tenantId, brief.launchDate, brief.endDate)]);
  const own = { campaignId, name: brief.name, audience: brief.audience, tier: campaign.tier, launchDate: brief.launchDate, requestedAt: campaign.createdAt, posts: (campaign.plan?.posts ?? []).map((p) => ({ postId: p.postId, channel: p.channel, publishDate: p.publishDate })) };
  return findConflicts({
    campaigns: [own, ...calendar.filter((r) => r.campaignId !== campaignId).map((r) => ({ campaignId: r.campaignId, name: r.name, audience: r.audience, tier: r.tier, launchDate: r.launchDate, requestedAt: r.requestedAt, posts: r.posts }))],
    blackoutDates: settings?.blackoutDates ?? [],
    bookings: load.weeks,
    from: brief.launchDate,
    to: brief.endDate,
  }).filter((c) => c.campaignIds.includes(campaignId));
}
