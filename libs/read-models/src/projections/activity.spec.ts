import { activityInTrailingMonths, transactionsInTrailingDays, withDailyTransaction, withMonthlyTransaction } from './activity';

describe('recent activity kept as compact text', () => {
  const days = (...labels: string[]) => labels.reduce((text, day) => withDailyTransaction(text, day, 90), '');

  it.each([
    ['a first transaction', ['2026-01-05'], '2026-01-05:1'],
    ['a second on the same day', ['2026-01-05', '2026-01-05'], '2026-01-05:2'],
    ['a later day appends', ['2026-01-05', '2026-01-07'], '2026-01-05:1 2026-01-07:1'],
    [
      'an earlier day (out of order) is put in its place',
      ['2026-01-05', '2026-01-09', '2026-01-07', '2026-01-05'],
      '2026-01-05:2 2026-01-07:1 2026-01-09:1',
    ],
    // 2026-04-05 minus 90 days is 2026-01-05: that day is still kept, 2026-01-04 is not
    ['days out of reach of the newest day are dropped', ['2026-01-04', '2026-01-05', '2026-04-05'], '2026-01-05:1 2026-04-05:1'],
  ])('%s', (_case, labels, expected) => {
    expect(days(...labels)).toBe(expected);
  });

  it.each([
    // the 90 days ending 2026-04-04 run from 2026-01-05: 1 + 2
    ['2026-04-04T12:00:00Z', 3],
    // ending 2026-04-05 they run from 2026-01-06: 2 + 1
    ['2026-04-05T00:00:00Z', 3],
    // ending 2026-04-20, from 2026-01-21: only 04-05
    ['2026-04-20T23:59:59Z', 1],
    ['2026-01-04T00:00:00Z', 0],
  ])('transactions in the 90 days ending %s: %i', (asOf, expected) => {
    expect(transactionsInTrailingDays('2026-01-05:1 2026-01-20:2 2026-04-05:1', asOf.slice(0, 10), 90)).toBe(expected);
  });

  it('sums monthly revenue exactly and drops months out of the window', () => {
    let months = '';
    for (const [month, minor] of [
      ['2025-01', 99999999999999999n],
      ['2025-01', 1n],
      ['2025-02', 0n],
      ['2026-02', 250n],
    ] as const)
      months = withMonthlyTransaction(months, month, minor, 12);
    expect(months).toBe('2025-02:1:0 2026-02:1:250');
    expect(activityInTrailingMonths('2025-01:2:100000000000000000 2026-02:1:250', '2026-02', 12)).toEqual({
      count: 1,
      revenueMinor: 250n,
    });
    expect(activityInTrailingMonths('2025-03:2:100000000000000000 2026-02:1:250', '2026-02', 12)).toEqual({
      count: 3,
      revenueMinor: 100000000000000250n,
    });
  });
});
