import fc from 'fast-check';
import { currencyExponent, fromMinorUnits, isDecimalAmount, toMinorUnits, wholeMajorUnits, type Money } from './money';

/** The definition, without the digit-by-digit fast path: undefined for a malformed amount. */
function definition({ amount, currency }: Money): bigint | undefined {
  if (!isDecimalAmount(amount, currency)) return undefined;
  const [whole = '', fraction = ''] = amount.replace('-', '').split('.');
  const minor = BigInt(whole + fraction.padEnd(currencyExponent(currency), '0'));
  return amount.startsWith('-') ? -minor : minor;
}

function minorOrUndefined(money: Money): bigint | undefined {
  try {
    return toMinorUnits(money);
  } catch {
    return undefined;
  }
}

describe('money', () => {
  it.each([
    ['1250.00', 'CNY', 125000n],
    ['0.01', 'CNY', 1n],
    ['7', 'CNY', 700n],
    ['-3.5', 'USD', -350n],
    ['1000', 'JPY', 1000n],
    ['1.234', 'KWD', 1234n],
    ['999999999999999999.99', 'CNY', 99999999999999999999n],
  ])('%s %s is %s minor units and back', (amount, currency, minor) => {
    expect(toMinorUnits({ amount, currency })).toBe(minor);
    expect(toMinorUnits(fromMinorUnits(minor, currency))).toBe(minor);
  });

  it.each([
    ['12.345', 'CNY'],
    ['1.5', 'JPY'],
    ['01.00', 'CNY'],
    ['1e3', 'CNY'],
    ['', 'CNY'],
    ['10.00', 'cny'],
    ['NaN', 'CNY'],
  ])('%s %s is not a well-formed amount', (amount, currency) => {
    expect(isDecimalAmount(amount, currency)).toBe(false);
    expect(() => toMinorUnits({ amount, currency })).toThrow('not a');
  });

  it('formats minor units with the currency exponent', () => {
    expect(fromMinorUnits(5n, 'CNY')).toEqual({ amount: '0.05', currency: 'CNY' });
    expect(fromMinorUnits(-125000n, 'CNY')).toEqual({ amount: '-1250.00', currency: 'CNY' });
    expect(fromMinorUnits(42n, 'JPY')).toEqual({ amount: '42', currency: 'JPY' });
  });

  it('whole major units round down', () => {
    expect(wholeMajorUnits({ amount: '199.99', currency: 'CNY' })).toBe(199n);
  });

  it('gives what the definition gives, on plain amounts and on everything near them', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 0, maxLength: 16 });
    const amount = fc.oneof(
      fc.tuple(digits, fc.constantFrom('', '.'), digits).map(([whole, point, fraction]) => `${whole}${point}${fraction}`),
      fc.tuple(fc.constantFrom('-', ' ', '+', '0'), digits).map(([prefix, rest]) => prefix + rest),
      fc.string({ maxLength: 8 }),
    );
    const currency = fc.constantFrom('CNY', 'JPY', 'KWD', 'USD', 'cny', 'CN', '');
    fc.assert(
      fc.property(
        amount,
        currency,
        (text, code) => minorOrUndefined({ amount: text, currency: code }) === definition({ amount: text, currency: code }),
      ),
      { numRuns: 5_000 },
    );
  });
});
