/** Money as it travels: a decimal string and an ISO 4217 currency. Never a float. */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/** Minor units per currency where it is not 2 (ISO 4217 exponents). */
const EXPONENTS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, VND: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3 };

const DECIMAL = /^-?(0|[1-9]\d{0,17})(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

export class InvalidMoney extends Error {
  readonly code = 'invalid-money';
}

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

export function isDecimalAmount(amount: string, currency: string): boolean {
  if (!DECIMAL.test(amount) || !CURRENCY.test(currency)) return false;
  const fraction = amount.split('.')[1] ?? '';
  return fraction.length <= currencyExponent(currency);
}

/** Integer minor units (fen, cents) of a well-formed amount; throws on a malformed one. */
export function toMinorUnits(money: Money): bigint {
  const plain = plainMinorUnits(money);
  if (plain !== undefined) return BigInt(plain);
  if (!isDecimalAmount(money.amount, money.currency)) {
    throw new InvalidMoney(`not a ${money.currency} amount: ${money.amount}`);
  }
  const exponent = currencyExponent(money.currency);
  const negative = money.amount.startsWith('-');
  const [whole, fraction = ''] = money.amount.replace('-', '').split('.');
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  return negative ? -minor : minor;
}

/**
 * Minor units of the amounts nearly every event carries (no sign, no leading zero, at most 12
 * whole digits and the currency's decimals), read digit by digit: commands, folds and rebuilds
 * parse hundreds of thousands, and the regex, split and BigInt of a string cost a rebuild a
 * twentieth of its time. Undefined for anything else, which the general path then judges.
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

export function fromMinorUnits(minor: bigint, currency: string): Money {
  const exponent = currencyExponent(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const amount = exponent === 0 ? whole : `${whole}.${fraction}`;
  return { amount: negative ? `-${amount}` : amount, currency };
}

/** Whole major units, rounded down (used by loyalty: points per 100 spent). */
export function wholeMajorUnits(money: Money): bigint {
  const minor = toMinorUnits(money);
  const scale = 10n ** BigInt(currencyExponent(money.currency));
  return minor / scale;
}
