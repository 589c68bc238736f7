// Conflicts in a tenant's calendar: two campaigns reaching the same audience
// on the same channel on the same day, posts on blackout dates, a member
// booked over capacity in a week, and launches inside the tier's minimum lead
// time (campaign-tiers.md, "Lead time"). One pass over the calendar, grouped
// by key, so 1,000 campaigns cost milliseconds.
import { checkLeadTime, type Tier } from './campaign-tiers.ts';
import { ValidationError } from './errors.ts';
import type { Channel } from './vocabulary.ts';

export const CONFLICT_KINDS = ['AUDIENCE_CHANNEL_CLASH', 'BLACKOUT_DATE', 'OVER_CAPACITY', 'LEAD_TIME'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface CalendarCampaign {
  readonly campaignId: string;
  readonly name: string;
  readonly audience: string;
  readonly tier: Tier;
  readonly launchDate: string;
  readonly requestedAt: string;
  readonly posts: readonly { readonly postId: string; readonly channel: Channel; readonly publishDate: string }[];
}

export interface WeeklyBooking {
  readonly memberId: string;
  readonly weekStart: string;
  readonly hours: number;
  readonly capacityHours: number;
  readonly campaignIds: readonly string[];
}

export interface Conflict {
  readonly kind: ConflictKind;
  readonly date: string;
  /** Sorted, without duplicates. */
  readonly campaignIds: readonly string[];
  readonly channel?: Channel;
  readonly memberId?: string;
  readonly postIds?: readonly string[];
  readonly message: string;
}

export interface CalendarInput {
  readonly campaigns: readonly CalendarCampaign[];
  readonly blackoutDates: readonly string[];
  readonly bookings: readonly WeeklyBooking[];
  /** Inclusive range of dates the caller asks about. */
  readonly from: string;
  readonly to: string;
}

/** Audiences are free text; the same words in another case or spacing are the same audience. */
export function audienceKey(audience: string): string {
  return audience.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Code-unit order (not locale order: IDs and codes are ASCII, and Intl collation is slow). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort(cmp);

export function findConflicts(input: CalendarInput): Conflict[] {
  const { from, to } = input;
  if (from > to) throw new ValidationError('calendar range', [{ field: 'to', message: `must not be before from (${from})` }]);
  const inRange = (date: string) => date >= from && date <= to;
  const conflicts: Conflict[] = [];
  const blackout = new Set(input.blackoutDates);
  const slots = new Map<string, { date: string; channel: Channel; campaigns: Set<string>; posts: string[] }>();

  for (const campaign of input.campaigns) {
    const audience = audienceKey(campaign.audience);
    for (const post of campaign.posts) {
      if (!inRange(post.publishDate)) continue;
      if (blackout.has(post.publishDate)) {
        conflicts.push({
          kind: 'BLACKOUT_DATE',
          date: post.publishDate,
          campaignIds: [campaign.campaignId],
          channel: post.channel,
          postIds: [post.postId],
          message: `${campaign.name}: ${post.channel} post ${post.postId} is scheduled on blackout date ${post.publishDate}`,
        });
      }
      const key = `${post.publishDate}|${post.channel}|${audience}`;
      let slot = slots.get(key);
      if (!slot) slots.set(key, (slot = { date: post.publishDate, channel: post.channel, campaigns: new Set(), posts: [] }));
      slot.campaigns.add(campaign.campaignId);
      slot.posts.push(post.postId);
    }
    if (inRange(campaign.launchDate)) {
      const lead = checkLeadTime(campaign.tier, campaign.launchDate, new Date(campaign.requestedAt));
      if (!lead.met) {
        conflicts.push({
          kind: 'LEAD_TIME',
          date: campaign.launchDate,
          campaignIds: [campaign.campaignId],
          message: `${campaign.name}: launch ${lead.availableDays} days after the request; ${lead.rule}`,
        });
      }
    }
  }
  for (const slot of slots.values()) {
    if (slot.campaigns.size < 2) continue;
    conflicts.push({
      kind: 'AUDIENCE_CHANNEL_CLASH',
      date: slot.date,
      campaignIds: sorted(slot.campaigns),
      channel: slot.channel,
      postIds: [...slot.posts].sort(cmp),
      message: `${slot.campaigns.size} campaigns reach the same audience on ${slot.channel} on ${slot.date}`,
    });
  }
  // A week conflicts when any of its days lies in the range: it ends (start + 6) on or after `from`.
  const earliestWeekStart = addDaysIso(from, -6);
  for (const booking of input.bookings) {
    if (booking.hours <= booking.capacityHours || booking.weekStart < earliestWeekStart || booking.weekStart > to) continue;
    conflicts.push({
      kind: 'OVER_CAPACITY',
      date: booking.weekStart,
      campaignIds: sorted(booking.campaignIds),
      memberId: booking.memberId,
      message: `${booking.memberId} is booked ${round(booking.hours)} h in the week of ${booking.weekStart} (capacity ${booking.capacityHours} h)`,
    });
  }
  return sortConflicts(conflicts);
}

/** The order of compareConflicts, each conflict's key built once instead of at every comparison. */
function sortConflicts(list: Conflict[]): Conflict[] {
  const keyed = list.map((c) => ({ c, key: [c.date, c.kind, c.channel ?? '', c.memberId ?? '', c.campaignIds.join(), (c.postIds ?? []).join()] }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const d = cmp(a.key[i] as string, b.key[i] as string);
      if (d !== 0) return d;
    }
    return 0;
  });
  return keyed.map((k) => k.c);
}

export function compareConflicts(a: Conflict, b: Conflict): number {
  return (
    cmp(a.date, b.date) ||
    cmp(a.kind, b.kind) ||
    cmp(a.channel ?? '', b.channel ?? '') ||
    cmp(a.memberId ?? '', b.memberId ?? '') ||
    cmp(a.campaignIds.join(), b.campaignIds.join()) ||
    cmp((a.postIds ?? []).join(), (b.postIds ?? []).join())
  );
}

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const round = (n: number) => Math.round(n * 10) / 10;
