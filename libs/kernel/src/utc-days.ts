/**
 * UTC calendar days as labels (`YYYY-MM-DD`, as utcDayOf gives them) and as epoch days (whole days
 * since 1970-01-01), with day and month arithmetic done on integers. Rebuilds move day labels
 * millions of times, and through Date objects and toISOString each move cost microseconds.
 * Proleptic Gregorian calendar; labels are for the years 0000–9999 that canonical instants allow.
 */

export const DAY_MS = 86_400_000;

/** A calendar date; month 1–12. */
interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The UTC day containing `time` (epoch milliseconds). */
export function dayOfTime(time: number): string {
  return dayOfEpochDay(Math.floor(time / DAY_MS));
}

export function dayOfEpochDay(epochDay: number): string {
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function epochDayOf(day: string): number {
  return epochDayOfCivil(civilOfLabel(day));
}

export function dayPlusDays(day: string, days: number): string {
  return dayOfEpochDay(epochDayOf(day) + days);
}

/** The same day of the month `months` calendar months later (or earlier), clamped to that month's end. */
export function dayPlusMonths(day: string, months: number): string {
  return dayOfEpochDay(epochDayOfCivil(plusMonths(civilOfLabel(day), months)));
}

/** The same instant a number of calendar months later (or earlier), its date clamped to the month end. */
export function addMonths(instant: Date, months: number): Date {
  const time = instant.getTime();
  const epochDay = Math.floor(time / DAY_MS);
  const shifted = epochDayOfCivil(plusMonths(civilOf(epochDay), months));
  return new Date(shifted * DAY_MS + (time - epochDay * DAY_MS));
}

function plusMonths({ year, month, day }: CivilDate, months: number): CivilDate {
  const monthIndex = year * 12 + (month - 1) + months;
  const shiftedYear = Math.floor(monthIndex / 12);
  const shiftedMonth = monthIndex - shiftedYear * 12 + 1;
  return { year: shiftedYear, month: shiftedMonth, day: Math.min(day, daysInMonth(shiftedYear, shiftedMonth)) };
}

function civilOfLabel(day: string): CivilDate {
  return { year: digits(day, 0, 4), month: digits(day, 5, 7), day: digits(day, 8, 10) };
}

/** The number the decimal digits from `start` to `end` spell: Number(text.slice(...)) without the slice and the parse. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + text.charCodeAt(index) - ZERO;
  return value;
}

const ZERO = '0'.charCodeAt(0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

// The two conversions count in 400-year cycles of 146,097 days, each year starting on 1 March, so
// that the leap day falls at a year's end: then a day's place in its year follows from the month
// alone (153 days per five months from March), and 719,468 days run from 0000-03-01 to 1970-01-01.
const DAYS_PER_CYCLE = 146_097;
const MARCH_FIRST_0000_TO_EPOCH = 719_468;

function epochDayOfCivil({ year, month, day }: CivilDate): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const cycle = Math.floor(marchYear / 400);
  const yearOfCycle = marchYear - cycle * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfCycle = yearOfCycle * 365 + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100) + dayOfYear;
  return cycle * DAYS_PER_CYCLE + dayOfCycle - MARCH_FIRST_0000_TO_EPOCH;
}

function civilOf(epochDay: number): CivilDate {
  const shifted = epochDay + MARCH_FIRST_0000_TO_EPOCH;
  const cycle = Math.floor(shifted / DAYS_PER_CYCLE);
  const dayOfCycle = shifted - cycle * DAYS_PER_CYCLE;
  const yearOfCycle = Math.floor(
    (dayOfCycle - Math.floor(dayOfCycle / 1460) + Math.floor(dayOfCycle / 36_524) - Math.floor(dayOfCycle / 146_096)) / 365,
  );
  const dayOfYear = dayOfCycle - (365 * yearOfCycle + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  return { year: yearOfCycle + cycle * 400 + (month <= 2 ? 1 : 0), month, day };
}
