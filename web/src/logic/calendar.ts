// The month view's rules. Publish, launch and end dates are calendar dates
// (AWSDate, `YYYY-MM-DD`): a post planned for 1 March is on 1 March for every
// viewer, so dates are placed by their digits and never through a local
// `Date` (which would move them a day west of UTC). Only "today" depends on
// the viewer's time zone. Weeks start on Monday (ISO 8601).
import type { Channel } from './types.ts';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export type CalendarEntryKind = 'post' | 'launch' | 'end';

export interface CalendarEntry {
  readonly date: string;
  readonly kind: CalendarEntryKind;
  readonly campaignId: string;
  readonly campaignName: string;
  readonly channel?: Channel;
  readonly label: string;
}

export interface CalendarDay {
  readonly date: string;
  readonly day: number;
  /** False for the leading and trailing days of the neighbouring months. */
  readonly inMonth: boolean;
  readonly isToday: boolean;
  readonly entries: readonly CalendarEntry[];
}

export interface CalendarMonth {
  /** `YYYY-MM` */
  readonly month: string;
  readonly title: string;
  readonly weeks: readonly (readonly CalendarDay[])[];
}

export interface CampaignForCalendar {
  readonly campaignId: string;
  readonly name: string;
  readonly launchDate: string;
  readonly endDate: string;
  readonly posts?: readonly { readonly postId: string; readonly channel: Channel; readonly publishDate: string }[] | null;
}

function epochDay(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  const year = Number(m?.[1]);
  const mm = Number(m?.[2]);
  if (!m || mm < 1 || mm > 12) throw new RangeError(`not a month: ${month}`);
  return { year, month: mm };
}

export function shiftMonth(month: string, by: number): string {
  const { year, month: mm } = parseMonth(month);
  const index = year * 12 + (mm - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar date it is now in a time zone (e.g. the viewer's), as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Every entry a set of campaigns puts on a calendar: each post's publish date, each launch and end. */
export function calendarEntries(campaigns: readonly CampaignForCalendar[]): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const c of campaigns) {
    entries.push({ date: c.launchDate, kind: 'launch', campaignId: c.campaignId, campaignName: c.name, label: `Launch: ${c.name}` });
    entries.push({ date: c.endDate, kind: 'end', campaignId: c.campaignId, campaignName: c.name, label: `End: ${c.name}` });
    for (const p of c.posts ?? []) {
      entries.push({ date: p.publishDate, kind: 'post', campaignId: c.campaignId, campaignName: c.name, channel: p.channel, label: `${p.channel}: ${c.name}` });
    }
  }
  return entries;
}

const KIND_ORDER: Record<CalendarEntryKind, number> = { launch: 0, post: 1, end: 2 };

/**
 * The weeks (Monday to Sunday) covering `month`, each day with the entries on
 * its date. Days of the neighbouring months are shown too, with their entries,
 * so a post on 31 January is visible in February's first week.
 */
export function monthGrid(month: string, entries: readonly CalendarEntry[], today: string): CalendarMonth {
  const { year, month: mm } = parseMonth(month);
  const first = Math.floor(Date.UTC(year, mm - 1, 1) / DAY_MS);
  const last = Math.floor(Date.UTC(year, mm, 0) / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const mondayIndex = (day: number) => (((day + 3) % 7) + 7) % 7;
  const start = first - mondayIndex(first);
  const end = last + (6 - mondayIndex(last));
  const byDate = new Map<string, CalendarEntry[]>();
  for (const e of entries) {
    if (!DATE.test(e.date)) continue;
    const day = epochDay(e.date);
    if (day < start || day > end) continue;
    const list = byDate.get(e.date) ?? [];
    list.push(e);
    byDate.set(e.date, list);
  }
  const weeks: CalendarDay[][] = [];
  for (let day = start; day <= end; day += 7) {
    const week: CalendarDay[] = [];
    for (let d = day; d < day + 7; d++) {
      const date = dateOf(d);
      const dayEntries = (byDate.get(date) ?? []).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.label.localeCompare(b.label));
      week.push({ date, day: Number(date.slice(8)), inMonth: d >= first && d <= last, isToday: date === today, entries: dayEntries });
    }
    weeks.push(week);
  }
  const title = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(first * DAY_MS));
  return { month, title, weeks };
}

/** Channel colours for calendar chips (text on background, AA contrast; shown with the channel's name). */
export const CHANNEL_COLOURS: Readonly<Record<Channel, { readonly text: string; readonly background: string }>> = {
  EMAIL: { text: '#7c2d12', background: '#ffedd5' },
  BLOG: { text: '#3b0764', background: '#f3e8ff' },
  LINKEDIN: { text: '#0c4a6e', background: '#e0f2fe' },
  X: { text: '#f9fafb', background: '#111827' },
  INSTAGRAM: { text: '#831843', background: '#fce7f3' },
  FACEBOOK: { text: '#1e3a8a', background: '#dbeafe' },
};
