// Working-day arithmetic for execution plans. Task durations and lags are
// counted in working days (Monday to Friday), as Workfront counts its default
// lag type ("Days": weekends do not count; knowledge: Workfront's Lag Types
// overview). A working-day index numbers weekdays consecutively, so a plan
// is integer arithmetic and only its ends become calendar dates.
import { toEpochDay } from './calendar.ts';

const DAY_MS = 86_400_000;

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function dayOfWeek(date: string): number {
  return (((toEpochDay(date) + 3) % 7) + 7) % 7;
}

export function isWorkingDay(date: string): boolean {
  return dayOfWeek(date) < 5;
}

/** The index of a working day; a weekend day maps to the following Monday. */
export function workingIndex(date: string): number {
  const epochDay = toEpochDay(date);
  const week = Math.floor((epochDay + 3) / 7);
  const dow = epochDay + 3 - week * 7;
  return week * 5 + Math.min(dow, 5);
}

export function dateOfWorkingIndex(index: number): string {
  const week = Math.floor(index / 5);
  const dow = index - week * 5;
  return new Date((week * 7 + dow - 3) * DAY_MS).toISOString().slice(0, 10);
}

/** The working week (index of its Monday) a working day falls in. */
export function weekOfWorkingIndex(index: number): number {
  return Math.floor(index / 5) * 5;
}

/** `YYYY-MM-DD` of the Monday starting the week of a working index. */
export function weekStartDate(index: number): string {
  return dateOfWorkingIndex(weekOfWorkingIndex(index));
}
