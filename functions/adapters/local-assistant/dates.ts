// Launch and end dates in the forms people write ("February 15, 2026",
// "in 4 weeks", "from Feb 1 to Feb 28", "mid-March", "for 6 weeks"), parsed
// with chrono-node (English only, to keep the resolver bundle small) against
// the day of the conversation, always forward in time.
import type { ParsedComponents } from 'chrono-node';
import * as chrono from 'chrono-node/en';
import { addDays } from '../../domain/calendar.ts';

export interface DateSlots {
  launchDate?: string;
  endDate?: string;
  /** A duration ("for 4 weeks"), applied from the launch date. */
  durationDays?: number;
  /** Dates with no word saying which they are: the conversation decides (launch first, then end). */
  unlabeled: string[];
}

const PART_OF_MONTH: Readonly<Record<string, number>> = { early: 5, mid: 15, middle: 15, late: 25 };
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const PART = new RegExp(`\\b(early|mid|middle|late)[- ](?:of )?(${MONTHS})\\b`, 'gi');
const END_WORDS = /\b(?:end(?:s|ing)?|until|till|through|thru|finish(?:es|ing)?|wrap(?:s|ping)? up|close[sd]?|closing|stop(?:s|ping)?|last(?:s|ing)?|run(?:s|ning)? (?:until|till|to|through))\W*$/i;
const LAUNCH_WORDS = /\b(?:launch(?:es|ing)?|start(?:s|ing)?|begin(?:s|ning)?|kick(?:s|ing)? off|go(?:es|ing)? live|from|on)\W*$/i;
const DURATION = /\b(?:for|run(?:s|ning)? for|lasting|over)\s+(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(day|week|month)s?\b/i;
const NUMBER_WORDS: Readonly<Record<string, number>> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };

function isoOf(component: ParsedComponents): string {
  const pad = (n: number | null) => String(n ?? 1).padStart(2, '0');
  return `${component.get('year')}-${pad(component.get('month'))}-${pad(component.get('day'))}`;
}

export function parseDates(text: string, now: Date): DateSlots {
  const slots: DateSlots = { unlabeled: [] };
  const duration = DURATION.exec(text);
  if (duration) {
    const n = NUMBER_WORDS[duration[1]?.toLowerCase() ?? ''] ?? Number(duration[1]);
    const unit = duration[2]?.toLowerCase();
    slots.durationDays = unit === 'day' ? n : unit === 'week' ? n * 7 : n * 30;
  }
  const normalised = text
    .replace(DURATION, (m) => ' '.repeat(m.length))
    .replace(PART, (_m, part: string, month: string) => `${month} ${PART_OF_MONTH[part.toLowerCase()] ?? 15}`);
  const reference = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));
  const results = chrono.parse(normalised, { instant: reference, timezone: 0 }, { forwardDate: true });
  for (const result of results) {
    // "create it now" says when to act, not when to launch.
    if (/^(?:right )?now$|^today$/i.test(result.text.trim())) continue;
    const before = normalised.slice(Math.max(0, result.index - 40), result.index);
    if (result.end) {
      slots.launchDate ??= isoOf(result.start);
      slots.endDate ??= isoOf(result.end);
    } else if (END_WORDS.test(before)) {
      slots.endDate ??= isoOf(result.start);
    } else if (LAUNCH_WORDS.test(before)) {
      slots.launchDate ??= isoOf(result.start);
    } else {
      slots.unlabeled.push(isoOf(result.start));
    }
  }
  return slots;
}

/** The end date a duration gives from a launch date. */
export function endAfter(launchDate: string, durationDays: number): string {
  return addDays(launchDate, durationDays);
}
