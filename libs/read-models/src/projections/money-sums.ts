import { toMinorUnits, type Money } from '@rapport/kernel';

/** Sums of money per currency, in minor units as decimal strings (exact; FerretDB has no decimal type to lean on). */
export type MinorSums = Readonly<Record<string, string>>;

const CURRENCY = /^[A-Z]{3}$/;

/** Minor units of an amount; a malformed stored amount counts as zero (a projection never refuses an event). */
export function minorUnitsOf(money: Money | undefined): bigint {
  if (money === undefined) return 0n;
  try {
    return toMinorUnits(money);
  } catch {
    return 0n;
  }
}

export function addMoney(sums: MinorSums, money: Money | undefined): MinorSums {
  const minor = minorUnitsOf(money);
  if (money === undefined || minor === 0n || !CURRENCY.test(money.currency)) return sums;
  return withCurrency(sums, money.currency, (BigInt(sums[money.currency] ?? '0') + minor).toString());
}

/**
 * A copy with one currency set, copied key by key: a spread with a computed key cost the analytics
 * projection, which adds money twice per transaction, 15 % of its time (16.9 → 14.7 µs an event).
 */
function withCurrency<T>(record: Readonly<Record<string, T>>, currency: string, value: T): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const key in record) copy[key] = record[key] as T;
  copy[currency] = value;
  return copy;
}

/** Adds sums currency by currency. */
export function mergeSums(left: MinorSums, right: MinorSums): MinorSums {
  const merged: Record<string, string> = { ...left };
  for (const [currency, minor] of Object.entries(right)) merged[currency] = (BigInt(merged[currency] ?? '0') + BigInt(minor)).toString();
  return merged;
}

/** Customer counts per currency. */
export type CustomerCounts = Readonly<Record<string, number>>;

/** One more customer under the currency of `money`; none when no amount is known or its currency is malformed. */
export function countCurrency(counts: CustomerCounts, money: Money | undefined): CustomerCounts {
  if (money === undefined || !CURRENCY.test(money.currency)) return counts;
  return withCurrency(counts, money.currency, (counts[money.currency] ?? 0) + 1);
}

/** Adds counts currency by currency. */
export function mergeCounts(left: CustomerCounts, right: CustomerCounts): CustomerCounts {
  const merged: Record<string, number> = { ...left };
  for (const [currency, count] of Object.entries(right)) merged[currency] = (merged[currency] ?? 0) + count;
  return merged;
}
