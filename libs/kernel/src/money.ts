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
  if (!isDecimalAmount(money.amount, money.currency)) {
    throw new InvalidMoney(`not a ${money.currency} amount: ${money.amount}`);
  }
  const exponent = currencyExponent(money.currency);
  const negative = money.amount.startsWith('-');
  const [whole, fraction = ''] = money.amount.replace('-', '').split('.');
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  return negative ? -minor : minor;
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
