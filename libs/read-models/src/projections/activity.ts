import { dayPlusDays } from '@rapport/kernel';

/**
 * Recent activity, kept as compact text: `2026-01-05:2 2026-01-07:1` (transactions per UTC day) and
 * `2026-01:3:125000 2026-02:1:0` (transactions and revenue in minor units of the RFM currency per
 * month), oldest first. A rebuild updates these millions of times: one string per customer instead
 * of an array of small objects keeps it fast and its memory small.
 */
export type DailyCounts = string;
export type MonthlyActivity = string;

/**
 * Adds a transaction to its UTC day (`YYYY-MM-DD`), then drops the days that no trailing window
 * ending at or after the newest day can reach. Mostly an append or a bump of the last day.
 */
export function withDailyTransaction(days: DailyCounts, day: string, windowDays: number): DailyCounts {
  const merged = bumped(days, day, 10, (fields) => [String(Number(fields[0] ?? 0) + 1)]);
  const newest = merged.slice(merged.lastIndexOf(' ') + 1, merged.lastIndexOf(' ') + 11);
  return dropBefore(merged, dayPlusDays(newest, -windowDays), 10);
}

/** As withDailyTransaction per UTC month (`YYYY-MM`), with the revenue summed (exact, as a decimal integer). */
export function withMonthlyTransaction(
  months: MonthlyActivity,
  month: string,
  revenueMinor: bigint,
  windowMonths: number,
): MonthlyActivity {
  const merged = bumped(months, month, 7, (fields) => [
    String(Number(fields[0] ?? 0) + 1),
    revenueMinor === 0n ? (fields[1] ?? '0') : (BigInt(fields[1] ?? '0') + revenueMinor).toString(),
  ]);
  const newest = merged.slice(merged.lastIndexOf(' ') + 1, merged.lastIndexOf(' ') + 8);
  return dropBefore(merged, shiftedMonth(newest, -windowMonths), 7);
}

/** Transactions on the `windowDays` UTC days ending with the day `last` (both ends included). */
export function transactionsInTrailingDays(days: DailyCounts, last: string, windowDays: number): number {
  const first = dayPlusDays(last, -(windowDays - 1));
  let count = 0;
  forEachEntry(days, 10, (day, fields) => {
    if (day >= first && day <= last) count += Number(fields);
  });
  return count;
}

/** Transactions and revenue in the `windowMonths` calendar months ending with the month `last` (`YYYY-MM`). */
export function activityInTrailingMonths(
  months: MonthlyActivity,
  last: string,
  windowMonths: number,
): { count: number; revenueMinor: bigint } {
  const first = shiftedMonth(last, -(windowMonths - 1));
  let count = 0;
  let revenueMinor = 0n;
  forEachEntry(months, 7, (month, fields) => {
    if (month < first || month > last) return;
    const colon = fields.indexOf(':');
    count += Number(fields.slice(0, colon));
    const revenue = fields.slice(colon + 1);
    if (revenue !== '0') revenueMinor += BigInt(revenue);
  });
  return { count, revenueMinor };
}

/**
 * Visits each `key:fields` entry of the text (keys `width` characters wide), without splitting it
 * into arrays: segment views are judged for every event of a rebuild, and the arrays were most of that.
 */
function forEachEntry(text: string, width: number, visit: (key: string, fields: string) => void): void {
  for (let start = 0; start < text.length;) {
    const space = text.indexOf(' ', start);
    const end = space === -1 ? text.length : space;
    visit(text.slice(start, start + width), text.slice(start + width + 1, end));
    start = end + 1;
  }
}

function entries(text: string): string[][] {
  return text === '' ? [] : text.split(' ').map((entry) => entry.split(':'));
}

/** The text with the entry for `key` (a label of `width` characters) updated by `update`, kept in key order. */
function bumped(text: string, key: string, width: number, update: (fields: readonly string[]) => string[]): string {
  const lastStart = text.lastIndexOf(' ') + 1;
  const lastKey = text.slice(lastStart, lastStart + width);
  if (text === '' || lastKey < key) return `${text === '' ? '' : `${text} `}${[key, ...update([])].join(':')}`;
  if (lastKey === key) return `${text.slice(0, lastStart)}${[key, ...update(text.slice(lastStart + width + 1).split(':'))].join(':')}`;
  const all = entries(text);
  const found = all.find(([entryKey]) => entryKey === key);
  const others = all.filter(([entryKey]) => entryKey !== key);
  const updated = [key, ...update(found?.slice(1) ?? [])];
  return [...others, updated]
    .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))
    .map((fields) => fields.join(':'))
    .join(' ');
}

/** The text without its leading entries whose key sorts before `firstKept`. */
function dropBefore(text: string, firstKept: string, width: number): string {
  let start = 0;
  while (start < text.length && text.slice(start, start + width) < firstKept) {
    const next = text.indexOf(' ', start);
    start = next === -1 ? text.length : next + 1;
  }
  return start === 0 ? text : text.slice(start);
}

function shiftedMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
