import { churnRate, customerLifetimeValue, retentionRate } from './kpis.policy';

describe('churn and retention rates', () => {
  it.each<[number, number, number | null, number | null]>([
    [0, 0, null, null],
    [5, 0, null, null],
    [0, 100, 0, 100],
    [1, 3, 33.33, 66.67],
    [2, 3, 66.67, 33.33],
    [1, 8, 12.5, 87.5],
    [10, 10, 100, 0],
  ])('%i churned of %i active at the start: churn %s, retention %s', (churned, active, churn, retention) => {
    expect(churnRate(churned, active)).toBe(churn);
    expect(retentionRate(churnRate(churned, active))).toBe(retention);
  });
});

describe('customer lifetime value', () => {
  const base = { revenueMinorPerCustomerPerPeriod: 12_000n, acquisitionCostMinor: 30_000n, currency: 'CNY' };

  it.each<[number, string]>([
    [10, '900.00'],
    [12.5, '660.00'],
    [33.33, '60.03'],
    [100, '-180.00'],
  ])('at %s %% churn is %s CNY (LTV − CAC)', (churnRatePercent, amount) => {
    expect(customerLifetimeValue({ ...base, churnRatePercent })).toEqual({ amount, currency: 'CNY' });
  });

  it('is unknown when nobody churned, because the expected lifetime is unbounded', () => {
    expect(customerLifetimeValue({ ...base, churnRatePercent: 0 })).toBeNull();
  });
});
