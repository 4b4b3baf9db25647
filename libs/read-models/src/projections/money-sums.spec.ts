import { addMoney, minorUnitsOf } from './money-sums';

describe('minorUnitsOf: the minor units of a stored amount, zero when malformed', () => {
  it.each<[string, string, bigint]>([
    ['1234.50', 'CNY', 123450n],
    ['0', 'CNY', 0n],
    ['0.5', 'CNY', 50n],
    ['7', 'CNY', 700n],
    ['999999999999.99', 'CNY', 99999999999999n],
    ['1000000000000.00', 'CNY', 100000000000000n],
    ['123456789012345678.99', 'CNY', 12345678901234567899n],
    ['-10.25', 'CNY', -1025n],
    ['100', 'JPY', 100n],
    ['1.234', 'KWD', 1234n],
    ['1.2', 'KWD', 1200n],
    ['00.50', 'CNY', 0n],
    ['01', 'CNY', 0n],
    ['12.345', 'CNY', 0n],
    ['100.5', 'JPY', 0n],
    ['1.', 'CNY', 0n],
    ['.5', 'CNY', 0n],
    ['1e5', 'CNY', 0n],
    [' 1', 'CNY', 0n],
    ['１', 'CNY', 0n],
    ['', 'CNY', 0n],
    ['1.00', 'cny', 0n],
    ['1.00', 'CN', 0n],
  ])('%s %s is %p', (amount, currency, expected) => {
    expect(minorUnitsOf({ amount, currency })).toBe(expected);
  });

  it('is zero for no amount', () => {
    expect(minorUnitsOf(undefined)).toBe(0n);
  });
});

describe('addMoney', () => {
  it('adds exactly per currency and leaves malformed or zero amounts out', () => {
    const sums = [
      { amount: '0.10', currency: 'CNY' },
      { amount: '999999999999.99', currency: 'CNY' },
      { amount: '5', currency: 'USD' },
      { amount: '1.001', currency: 'CNY' },
      { amount: '0', currency: 'EUR' },
    ].reduce(addMoney, {});
    expect(sums).toEqual({ CNY: '100000000000009', USD: '500' });
  });
});
