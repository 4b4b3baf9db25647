import { fromMinorUnits, isDecimalAmount, toMinorUnits, wholeMajorUnits } from './money';

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
});
