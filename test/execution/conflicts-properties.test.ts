// The conflicts found equal those found by brute force over the same
// calendar: every pair of posts, every post against every blackout date,
// every booking against its capacity, every launch against its lead time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLeadTime } from '../../functions/domain/campaign-tiers.ts';
import { addDays } from '../../functions/domain/calendar.ts';
import { audienceKey, compareConflicts, findConflicts, type CalendarCampaign, type CalendarInput, type Conflict, type WeeklyBooking } from '../../functions/domain/schedule-conflicts.ts';
import { CHANNELS } from '../../functions/domain/vocabulary.ts';

const day = (n: number) => addDays('2027-05-03', n);
const campaign = (i: number): fc.Arbitrary<CalendarCampaign> =>
  fc
    .record({
      audience: fc.constantFrom('IT leaders', 'it  LEADERS', 'Finance teams', 'Developers'),
      tier: fc.constantFrom(1 as const, 2 as const, 3 as const),
      launch: fc.integer({ min: 0, max: 20 }),
      requestedDaysBefore: fc.integer({ min: 0, max: 90 }),
      posts: fc.array(fc.record({ channel: fc.constantFrom(...CHANNELS.slice(0, 3)), at: fc.integer({ min: 0, max: 20 }) }), { maxLength: 6 }),
    })
    .map((c) => ({
      campaignId: `c${i}`,
      name: `Campaign ${i}`,
      audience: c.audience,
      tier: c.tier,
      launchDate: day(c.launch),
      requestedAt: `${addDays(day(c.launch), -c.requestedDaysBefore)}T09:00:00.000Z`,
      posts: c.posts.map((p, k) => ({ postId: `c${i}-p${k}`, channel: p.channel, publishDate: day(p.at) })),
    }));

const booking: fc.Arbitrary<WeeklyBooking> = fc.record({
  memberId: fc.constantFrom('m1', 'm2'),
  weekStart: fc.integer({ min: -1, max: 3 }).map((w) => day(w * 7)),
  hours: fc.integer({ min: 0, max: 60 }),
  capacityHours: fc.constantFrom(20, 40),
  campaignIds: fc.uniqueArray(fc.constantFrom('c0', 'c1', 'c2'), { maxLength: 3 }),
});

const calendar: fc.Arbitrary<CalendarInput> = fc.integer({ min: 0, max: 6 }).chain((n) =>
  fc.record({
    campaigns: fc.tuple(...Array.from({ length: n }, (_, i) => campaign(i))),
    blackoutDates: fc.uniqueArray(fc.integer({ min: 0, max: 20 }).map(day), { maxLength: 4 }),
    bookings: fc.array(booking, { maxLength: 4 }),
    from: fc.integer({ min: 0, max: 10 }),
    length: fc.integer({ min: 0, max: 14 }),
  }).map(({ from, length, ...rest }) => ({ ...rest, from: day(from), to: day(from + length) })),
);

function bruteForce(input: CalendarInput): Conflict[] {
  const inRange = (d: string) => d >= input.from && d <= input.to;
  const out: Conflict[] = [];
  const posts = input.campaigns.flatMap((c) => c.posts.map((p) => ({ c, p })));
  // Clashes: group pairs into maximal sets per (date, channel, audience).
  const seen = new Set<string>();
  for (const a of posts) {
    if (!inRange(a.p.publishDate)) continue;
    const same = posts.filter((b) => b.p.publishDate === a.p.publishDate && b.p.channel === a.p.channel && audienceKey(b.c.audience) === audienceKey(a.c.audience));
    const ids = [...new Set(same.map((s) => s.c.campaignId))].sort();
    const key = `${a.p.publishDate}|${a.p.channel}|${audienceKey(a.c.audience)}`;
    if (ids.length >= 2 && !seen.has(key)) {
      seen.add(key);
      out.push({ kind: 'AUDIENCE_CHANNEL_CLASH', date: a.p.publishDate, campaignIds: ids, channel: a.p.channel, postIds: same.map((s) => s.p.postId).sort(), message: '' });
    }
    if (input.blackoutDates.includes(a.p.publishDate)) {
      out.push({ kind: 'BLACKOUT_DATE', date: a.p.publishDate, campaignIds: [a.c.campaignId], channel: a.p.channel, postIds: [a.p.postId], message: '' });
    }
  }
  for (const c of input.campaigns) {
    if (inRange(c.launchDate) && !checkLeadTime(c.tier, c.launchDate, new Date(c.requestedAt)).met) out.push({ kind: 'LEAD_TIME', date: c.launchDate, campaignIds: [c.campaignId], message: '' });
  }
  for (const b of input.bookings) {
    const days = Array.from({ length: 7 }, (_, i) => addDays(b.weekStart, i));
    if (b.hours > b.capacityHours && days.some(inRange)) out.push({ kind: 'OVER_CAPACITY', date: b.weekStart, campaignIds: [...new Set(b.campaignIds)].sort(), memberId: b.memberId, message: '' });
  }
  return out.sort(compareConflicts);
}

const withoutMessages = (list: readonly Conflict[]) => list.map(({ message: _m, ...rest }) => rest);

describe('findConflicts', () => {
  it('finds exactly the conflicts brute force finds over the same calendar', () => {
    fc.assert(
      fc.property(calendar, (input) => {
        const found = findConflicts(input);
        expect(withoutMessages(found)).toEqual(withoutMessages(bruteForce(input)));
        for (const c of found) expect(c.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => findConflicts({ campaigns: [], blackoutDates: [], bookings: [], from: '2027-05-02', to: '2027-05-01' })).toThrow(/to: must not be before from/);
  });

  it('names the campaigns of a clash by campaignId and quotes the lead-time rule', () => {
    const base = { audience: 'IT leaders', tier: 2 as const, launchDate: '2027-05-10', requestedAt: '2027-05-01T00:00:00.000Z' };
    const found = findConflicts({
      campaigns: [
        { ...base, campaignId: 'b', name: 'B', posts: [{ postId: 'b1', channel: 'EMAIL', publishDate: '2027-05-12' }] },
        { ...base, campaignId: 'a', name: 'A', audience: ' it leaders ', posts: [{ postId: 'a1', channel: 'EMAIL', publishDate: '2027-05-12' }] },
      ],
      blackoutDates: [],
      bookings: [],
      from: '2027-05-01',
      to: '2027-05-31',
    });
    expect(found.find((c) => c.kind === 'AUDIENCE_CHANNEL_CLASH')).toMatchObject({ campaignIds: ['a', 'b'], channel: 'EMAIL', date: '2027-05-12' });
    expect(found.filter((c) => c.kind === 'LEAD_TIME').map((c) => c.message)).toEqual([
      'A: launch 9 days after the request; Tier 2 campaigns need 4–8 weeks from request to launch (at least 28 days)',
      'B: launch 9 days after the request; Tier 2 campaigns need 4–8 weeks from request to launch (at least 28 days)',
    ]);
  });
});
