import { toMinorUnits, type Money } from '@rapport/kernel';

/** Sums of money per currency, in minor units as decimal strings (exact; FerretDB has no decimal type to lean on). */
export type MinorSums = Readonly<Record<string, string>>;

const CURRENCY = /^[A-Z]{3}$/;

// Several projections read the same event's amounts; parsing each once saves a tenth of a rebuild.
const parsed = new WeakMap<Money, bigint>();

/** Minor units of an amount; a malformed stored amount counts as zero (a projection never refuses an event). */
export function minorUnitsOf(money: Money | undefined): bigint {
  if (money === undefined) return 0n;
  let minor = parsed.get(money);
  if (minor === undefined) {
    try {
      minor = toMinorUnits(money);
    } catch {
      minor = 0n;
    }
    parsed.set(money, minor);
  }
  return minor;
}

export function addMoney(sums: MinorSums, money: Money | undefined): MinorSums {
  const minor = minorUnitsOf(money);
  if (money === undefined || minor === 0n || !CURRENCY.test(money.currency)) return sums;
  return { ...sums, [money.currency]: (BigInt(sums[money.currency] ?? '0') + minor).toString() };
}

/** Adds sums currency by currency. */
export function mergeSums(left: MinorSums, right: MinorSums): MinorSums {
  const merged: Record<string, string> = { ...left };
  for (const [currency, minor] of Object.entries(right)) merged[currency] = (BigInt(merged[currency] ?? '0') + BigInt(minor)).toString();
  return merged;
}
