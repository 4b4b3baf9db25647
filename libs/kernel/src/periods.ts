import { DAY_MS, dayOfTime } from './utc-days';

export type Granularity = 'day' | 'week' | 'month';

/** UTC period label: day `2026-01-15`, ISO week `2026-W03` (Monday start), month `2026-01` (api.md). */
export function periodLabel(instant: Date, granularity: Granularity): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid time value');
  if (granularity === 'day') return dayOfTime(time);
  if (granularity === 'month') return dayOfTime(time).slice(0, 7);
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
