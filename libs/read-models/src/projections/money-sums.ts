import { currencyExponent, toMinorUnits, type Money } from '@rapport/kernel';

/** Sums of money per currency, in minor units as decimal strings (exact; FerretDB has no decimal type to lean on). */
export type MinorSums = Readonly<Record<string, string>>;

const CURRENCY = /^[A-Z]{3}$/;

/** Minor units of an amount; a malformed stored amount counts as zero (a projection never refuses an event). */
export function minorUnitsOf(money: Money | undefined): bigint {
  if (money === undefined) return 0n;
  const plain = plainMinorUnits(money);
  if (plain !== undefined) return BigInt(plain);
  try {
    return toMinorUnits(money);
  } catch {
    return 0n;
  }
}

/**
 * Minor units of the amounts nearly every event carries (no sign, no leading zero, at most 12
 * whole digits and the currency's decimals, a three-letter code), read digit by digit: a rebuild
 * parses hundreds of thousands, and the kernel's regex, split and BigInt of a string cost it a
 * twentieth of its time. Undefined for anything else, which toMinorUnits then judges.
 */
function plainMinorUnits({ amount, currency }: Money): number | undefined {
  if (!CURRENCY.test(currency)) return undefined;
  const exponent = currencyExponent(currency);
  const point = amount.indexOf('.');
  const whole = point === -1 ? amount.length : point;
  const decimals = point === -1 ? 0 : amount.length - point - 1;
  if (whole < 1 || whole > 12 || (point !== -1 && (decimals < 1 || decimals > exponent))) return undefined;
  if (whole > 1 && amount.charCodeAt(0) === 48) return undefined;
  let minor = 0;
  for (let index = 0; index < amount.length; index++) {
    if (index === point) continue;
    const digit = amount.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    minor = minor * 10 + digit;
  }
  // At most 15 digits: exact in a double.
  return minor * 10 ** (exponent - decimals);
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
