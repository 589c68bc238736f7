// suggestLaunchDate: the earliest launch day that meets the tier's minimum
// lead time (campaign-tiers.md), is a working day and not a blackout date,
// clashes with no other campaign for the same audience and channel, and
// leaves the team room for the timeline's work in every week before it.
import { ruleFor, type Tier } from './campaign-tiers.ts';
import { addDays } from './calendar.ts';
import { ValidationError } from './errors.ts';
import { isWorkingDay, weekOfWorkingIndex, workingIndex } from './working-days.ts';

export interface LaunchDateInput {
  readonly tier: Tier;
  /** The request day: lead time counts from here. */
  readonly requestedOn: string;
  /** Do not suggest anything earlier than this (defaults to the request day). */
  readonly notBefore?: string;
  readonly channels: readonly string[];
  readonly blackoutDates: readonly string[];
  /** `date|CHANNEL` slots already taken by other campaigns for this audience. */
  readonly takenSlots: ReadonlySet<string>;
  /** The campaign's work by week, relative to its launch week (0 = launch week, -1 the week before …). */
  readonly hoursByWeekOffset: ReadonlyMap<number, number>;
  /** Hours the team still has free per week (working index of the Monday); a missing week is fully free. */
  readonly freeHoursByWeek: (week: number) => number;
  /** How far to look, in calendar days. */
  readonly horizonDays?: number;
}

export interface LaunchDateSuggestion {
  readonly date: string;
  readonly reasons: readonly string[];
}

export function suggestLaunchDate(input: LaunchDateInput): LaunchDateSuggestion {
  const rule = ruleFor(input.tier);
  const minDays = rule.leadTimeWeeks.min * 7;
  const earliest = [addDays(input.requestedOn, minDays), input.notBefore ?? input.requestedOn].sort().at(-1) as string;
  const blackout = new Set(input.blackoutDates);
  const horizon = input.horizonDays ?? 365;
  const skipped: string[] = [];
  for (let i = 0; i <= horizon; i++) {
    const date = addDays(earliest, i);
    if (!isWorkingDay(date)) continue;
    if (blackout.has(date)) {
      skipped.push(`${date} is a blackout date`);
      continue;
    }
    const clash = input.channels.find((c) => input.takenSlots.has(`${date}|${c}`));
    if (clash) {
      skipped.push(`${date}: another campaign reaches this audience on ${clash}`);
      continue;
    }
    const launchWeek = weekOfWorkingIndex(workingIndex(date));
    const short = [...input.hoursByWeekOffset].find(([offset, hours]) => hours > input.freeHoursByWeek(launchWeek + offset * 5));
    if (short) {
      skipped.push(`${date}: the team lacks ${short[1]} free hours in week ${short[0]} of the timeline`);
      continue;
    }
    return {
      date,
      reasons: [`Tier ${input.tier} needs at least ${minDays} days from the request (${input.requestedOn})`, ...skipped.slice(-5)],
    };
  }
  throw new ValidationError('launch date request', [{ field: 'notBefore', message: `no date within ${horizon} days meets lead time, blackout dates and capacity` }]);
}
