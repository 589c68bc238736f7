// The console's month view: entries land on their calendar date whatever the
// viewer's time zone, grids run Monday to Sunday over whole weeks, and the
// neighbouring months' days carry their own entries.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarEntries, monthGrid, parseMonth, shiftMonth, todayIn, type CalendarEntry } from '../../web/src/logic/calendar.ts';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const campaign = {
  campaignId: 'cmp-1',
  name: 'Spring launch',
  launchDate: '2027-01-29',
  endDate: '2027-03-01',
  posts: [
    { postId: 'p1', channel: 'EMAIL' as const, publishDate: '2027-01-31' },
    { postId: 'p2', channel: 'LINKEDIN' as const, publishDate: '2027-02-01' },
    { postId: 'p3', channel: 'X' as const, publishDate: '2027-02-28' },
  ],
};

const cell = (grid: ReturnType<typeof monthGrid>, date: string) => grid.weeks.flat().find((d) => d.date === date);

describe('calendar placement', () => {
  it('GIVEN February 2027, THEN the grid runs from Monday 1 Feb to Sunday 28 Feb: four whole weeks, all in the month', () => {
    const grid = monthGrid('2027-02', [], '2027-02-10');
    expect(grid.title).toBe('February 2027');
    expect(grid.weeks).toHaveLength(4);
    expect(grid.weeks[0]?.[0]?.date).toBe('2027-02-01');
    expect(grid.weeks[3]?.[6]?.date).toBe('2027-02-28');
    expect(grid.weeks.flat().every((d) => d.inMonth)).toBe(true);
    expect(grid.weeks.flat().filter((d) => d.isToday).map((d) => d.date)).toEqual(['2027-02-10']);
  });

  it('GIVEN posts either side of a month boundary, THEN each is on its own date, shown in the neighbouring month as an out-of-month day', () => {
    const entries = calendarEntries([campaign]);
    const march = monthGrid('2027-03', entries, '2027-03-15');
    // March 2027 starts on a Monday: the grid has no February days.
    expect(cell(march, '2027-02-28')).toBeUndefined();
    expect(cell(march, '2027-03-01')?.entries.map((e) => e.kind)).toEqual(['end']);
    const january = monthGrid('2027-01', entries, '2027-03-15');
    expect(cell(january, '2027-01-31')?.entries.map((e) => e.label)).toEqual(['EMAIL: Spring launch']);
    expect(cell(january, '2027-02-01')).toBeUndefined();
    expect(cell(january, '2027-01-29')?.entries.map((e) => e.kind)).toEqual(['launch']);
    const december = monthGrid('2026-12', entries, '2027-03-15');
    expect(cell(december, '2027-01-03')?.inMonth).toBe(false);
    expect(december.weeks.flat().flatMap((d) => d.entries)).toEqual([]);
  });

  it('GIVEN any time zone of the viewer, THEN the grid and the place of every entry are the same (calendar dates are not instants)', () => {
    const entries = calendarEntries([campaign]);
    const grids = ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kolkata'].map((tz) => {
      process.env.TZ = tz;
      return monthGrid('2027-02', entries, '2027-02-10');
    });
    for (const grid of grids) expect(grid).toEqual(grids[0]);
    expect(cell(grids[0] ?? monthGrid('2027-02', [], ''), '2027-02-01')?.entries.map((e) => e.label)).toEqual(['LINKEDIN: Spring launch']);
  });

  it('GIVEN one instant, THEN "today" is that instant’s date in the viewer’s zone', () => {
    const instant = new Date('2027-02-28T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2027-02-28');
    expect(todayIn('Pacific/Auckland', instant)).toBe('2027-03-01');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2027-02-28');
    expect(todayIn('Pacific/Pago_Pago', new Date('2027-03-01T05:00:00Z'))).toBe('2027-02-28');
  });

  it('GIVEN month arithmetic, THEN it crosses years both ways and refuses what is not a month', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2027-03', -14)).toBe('2026-01');
    expect(() => parseMonth('2027-13')).toThrow(RangeError);
    expect(() => parseMonth('May')).toThrow(RangeError);
  });

  it('PROPERTY: every entry dated inside a grid appears exactly once, on the cell of its date; weeks are Monday–Sunday and cover the month', () => {
    const day = fc.integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2035, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 40 }), day, (dates, anchor) => {
        const month = anchor.slice(0, 7);
        const entries: CalendarEntry[] = dates.map((date, i) => ({ date, kind: 'post', campaignId: `c${i}`, campaignName: `C${i}`, channel: 'BLOG', label: `BLOG: C${i}` }));
        const grid = monthGrid(month, entries, anchor);
        const days = grid.weeks.flat();
        expect(days.length % 7).toBe(0);
        for (const week of grid.weeks) expect(new Date(`${week[0]?.date}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(days.filter((d) => d.inMonth).map((d) => d.date).every((d) => d.startsWith(month))).toBe(true);
        expect(days.filter((d) => d.date.startsWith(month)).every((d) => d.inMonth)).toBe(true);
        const first = days[0]?.date ?? '';
        const last = days.at(-1)?.date ?? '';
        for (const e of entries) {
          const placed = days.filter((d) => d.entries.includes(e)).map((d) => d.date);
          expect(placed).toEqual(e.date >= first && e.date <= last ? [e.date] : []);
        }
      }),
    );
  });
});
