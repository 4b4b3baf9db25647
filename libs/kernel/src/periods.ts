export type Granularity = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

/** UTC period label: day `2026-01-15`, ISO week `2026-W03` (Monday start), month `2026-01` (api.md). */
export function periodLabel(instant: Date, granularity: Granularity): string {
  const iso = instant.toISOString();
  if (granularity === 'day') return iso.slice(0, 10);
  if (granularity === 'month') return iso.slice(0, 7);
  const { year, week } = isoWeek(instant);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** ISO 8601 week: the week with the year's first Thursday is week 1. */
export function isoWeek(instant: Date): { year: number; week: number } {
  const day = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/**
 * True when `text` is exactly what Date#toISOString writes for a year 0000–9999, every field in
 * range (`2026-01-15T09:30:00.000Z`). Such strings sort in time order and name their UTC day in
 * their first ten characters, so hot paths can compare and slice them without building a Date.
 */
export function isCanonicalInstant(text: string): boolean {
  if (text.length !== 24 || !hasCanonicalSeparators(text)) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  return (
    year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    inRange(digitsAt(text, 11, 2), 23) && inRange(digitsAt(text, 14, 2), 59) && inRange(digitsAt(text, 17, 2), 59) &&
    digitsAt(text, 20, 3) >= 0
  );
}

/** The UTC day of an ISO 8601 instant, as periodLabel(new Date(instant), 'day') gives it. */
export function utcDayOf(instant: string): string {
  return isCanonicalInstant(instant) ? instant.slice(0, 10) : periodLabel(new Date(instant), 'day');
}

/** `-` `-` `T` `:` `:` `.` `Z` where toISOString puts them. */
function hasCanonicalSeparators(text: string): boolean {
  return (
    text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 && text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 && text.charCodeAt(19) === 46 && text.charCodeAt(23) === 90
  );
}

/** The number written by `count` decimal digits at `at`; -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function inRange(value: number, max: number): boolean {
  return value >= 0 && value <= max;
}

/** Proleptic Gregorian, as Date counts (year 0 is a leap year). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** The same instant a number of calendar months later (or earlier), clamped to month end. */
export function addMonths(instant: Date, months: number): Date {
  const result = new Date(instant.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
