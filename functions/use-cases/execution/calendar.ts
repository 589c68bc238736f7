// The tenant's calendar over a date range: each planned campaign's launch,
// end and post dates, as its timeline records them (what the schedule's
// conflicts are computed over).
import type { TimelineRecord } from '../../domain/timeline-record.ts';
import type { ExecutionDeps } from './execution-deps.ts';
import { checkRange } from './workload.ts';

export type CalendarEntry = Pick<TimelineRecord, 'campaignId' | 'name' | 'audience' | 'tier' | 'startDate' | 'launchDate' | 'endDate' | 'posts'>;

export async function calendar(deps: Pick<ExecutionDeps, 'execution'>, tenantId: string, from: string, to: string): Promise<CalendarEntry[]> {
  checkRange(from, to);
  const records = await deps.execution.calendar(tenantId, from, to);
  return records.map(({ campaignId, name, audience, tier, startDate, launchDate, endDate, posts }) => ({
    campaignId,
    name,
    audience,
    tier,
    startDate,
    launchDate,
    endDate,
    // Only the posts inside the range: a long campaign's calendar stays the part asked for.
    posts: posts.filter((p) => p.publishDate >= from && p.publishDate <= to),
  }));
}
