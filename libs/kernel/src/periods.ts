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
