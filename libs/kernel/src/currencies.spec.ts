import { isIsoCurrency } from './currencies';

describe('ISO 4217 currency codes', () => {
  it.each(['CNY', 'USD', 'EUR', 'JPY', 'KWD', 'XOF', 'CHF'])('%s is a currency', (code) => {
    expect(isIsoCurrency(code)).toBe(true);
  });

  it.each(['XYZ', 'AAA', 'cny', 'HRK', 'XTS', 'XXX', 'XAU', 'CN', 'CNYY', ''])('%s is refused', (code) => {
    expect(isIsoCurrency(code)).toBe(false);
  });
});
