import { DAY_MS } from '@rapport/kernel';
/**
 * The complaint clock as a regulator counts it (issue #12): due a number of days after filing,
 * counted in calendar days (the default) or in working days of the institution's calendar
 * (weekends and a holiday list, judged on its local date). A due date falls at the filing's time
 * of day on the last counted day, so "15 days" means the same in both modes when nothing is skipped.
 */
export interface ComplaintCalendar {
  readonly counting: 'calendar-days' | 'working-days';
  /** Local dates (YYYY-MM-DD) that are not working days. */
  readonly holidays: readonly string[];
  /** Local weekdays that are not working days, 0 = Sunday … 6 = Saturday. */
  readonly weekend: readonly number[];
  /** The institution's offset from UTC in minutes (China: +480, no daylight saving). */
  readonly utcOffsetMinutes: number;
}

export interface ComplaintClockConfig {
  readonly calendar: ComplaintCalendar;
  readonly dueDays: number;
  readonly escalatedDueDays: number;
  /** An extension is granted at most once and adds at most this many days. */
  readonly maxExtensionDays: number;
  /** The pre-breach warning falls this many days (of the same counting) before the due date. */
  readonly preBreachWarningDays: number;
}

export const defaultComplaintClockConfig: ComplaintClockConfig = {
  calendar: { counting: 'calendar-days', holidays: [], weekend: [0, 6], utcOffsetMinutes: 0 },
  dueDays: 15,
  escalatedDueDays: 30,
  maxExtensionDays: 30,
  preBreachWarningDays: 3,
};

const MINUTE_MS = 60_000;

/** The instant `days` counted days after `from` (negative: before), at the same local time of day. */
export function shiftByCountedDays(from: string, days: number, calendar: ComplaintCalendar): string {
  const start = Date.parse(from);
  if (calendar.counting === 'calendar-days') return new Date(start + days * DAY_MS).toISOString();
  const step = days < 0 ? -1 : 1;
  const holidays = new Set(calendar.holidays);
  let at = start;
  for (let counted = 0; counted < Math.abs(days);) {
    at += step * DAY_MS;
    if (isWorkingDay(at, holidays, calendar)) counted += 1;
  }
  return new Date(at).toISOString();
}

export function complaintDueAtOnClock(filedAt: string, isEscalated: boolean, config: ComplaintClockConfig): string {
  return shiftByCountedDays(filedAt, isEscalated ? config.escalatedDueDays : config.dueDays, config.calendar);
}

/** The due date after an extension of `days`, counted from the current due date. */
export function extendedDueAt(dueAt: string, days: number, config: ComplaintClockConfig): string {
  return shiftByCountedDays(dueAt, days, config.calendar);
}

export function preBreachWarningAt(dueAt: string, config: ComplaintClockConfig): string {
  return shiftByCountedDays(dueAt, -config.preBreachWarningDays, config.calendar);
}

function isWorkingDay(instantMs: number, holidays: ReadonlySet<string>, calendar: ComplaintCalendar): boolean {
  const local = new Date(instantMs + calendar.utcOffsetMinutes * MINUTE_MS);
  return !calendar.weekend.includes(local.getUTCDay()) && !holidays.has(local.toISOString().slice(0, 10));
}

/**
 * What is wrong with a complaint-clock configuration (for the policy file loaded at start), each
 * message naming its field; empty when it is usable.
 */
export function complaintClockConfigErrors(config: ComplaintClockConfig): readonly string[] {
  const errors: string[] = [];
  const days = { dueDays: config.dueDays, escalatedDueDays: config.escalatedDueDays, maxExtensionDays: config.maxExtensionDays };
  for (const [field, value] of Object.entries(days)) {
    if (!Number.isInteger(value) || value < 1) errors.push(`${field} must be a whole number of days, at least 1`);
  }
  if (!Number.isInteger(config.preBreachWarningDays) || config.preBreachWarningDays < 0) {
    errors.push('preBreachWarningDays must be a whole number of days, at least 0');
  }
  const { counting, holidays, weekend, utcOffsetMinutes } = config.calendar;
  if (counting !== 'calendar-days' && counting !== 'working-days') errors.push('calendar.counting must be calendar-days or working-days');
  if (holidays.some((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))) {
    errors.push('calendar.holidays must be dates YYYY-MM-DD');
  }
  if (weekend.some((day) => !Number.isInteger(day) || day < 0 || day > 6) || weekend.length > 6) {
    errors.push('calendar.weekend must list weekdays 0 (Sunday) to 6 (Saturday), leaving at least one working day');
  }
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    errors.push('calendar.utcOffsetMinutes must be whole minutes within ±840');
  }
  return errors;
}
