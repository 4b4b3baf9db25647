import { cohortTriangle, periodStart, type CohortMember } from './cohort-retention';

const member = (
  customerId: string,
  changes: readonly [string, 'active' | 'churned'][],
  revenue: readonly [string, bigint][] = [],
): CohortMember => ({
  customerId,
  statusChanges: changes.map(([at, status]) => ({ at, status })),
  revenue: revenue.map(([at, minor]) => ({ at, minor })),
});

// A small book counted by hand. January cohort: a, b, c, d; February cohort: e, f.
const book = [
  member(
    'a',
    [['2026-01-05T10:00:00.000Z', 'active']],
    [
      ['2026-01-06T00:00:00.000Z', 1_000n],
      ['2026-03-01T00:00:00.000Z', 500n],
    ],
  ),
  member(
    'b',
    [
      ['2026-01-10T10:00:00.000Z', 'active'],
      ['2026-02-14T10:00:00.000Z', 'churned'],
    ],
    [['2026-02-01T00:00:00.000Z', 200n]],
  ),
  member('c', [
    ['2026-01-20T10:00:00.000Z', 'active'],
    ['2026-01-25T10:00:00.000Z', 'churned'],
    ['2026-03-03T10:00:00.000Z', 'active'],
  ]),
  member('d', [
    ['2026-01-31T23:59:59.999Z', 'active'],
    ['2026-03-31T23:59:59.999Z', 'churned'],
  ]),
  member('e', [['2026-02-01T00:00:00.000Z', 'active']], [['2026-02-28T23:59:59.999Z', 300n]]),
  member('f', [
    ['2026-02-15T00:00:00.000Z', 'active'],
    ['2026-03-15T00:00:00.000Z', 'churned'],
  ]),
  member('g', [['2025-12-31T23:59:59.999Z', 'active']]),
];

describe('cohort retention triangle, by month, drawn on 2026-04-10', () => {
  const triangle = cohortTriangle(book, {
    granularity: 'month',
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-03-01T00:00:00.000Z',
    asOf: '2026-04-10T00:00:00.000Z',
  });

  it('groups customers by activation month within [from, to)', () => {
    expect(triangle.map((c) => [c.period, c.size])).toEqual([
      ['2026-01', 4],
      ['2026-02', 2],
    ]);
  });

  it('gives the share still active at the end of each ended month', () => {
    // End of Jan: a, b, d active (c churned 25 Jan) = 3/4. End of Feb: a, d (b churned) = 2/4.
    // End of Mar: a, c (back on 3 Mar); d churned at the last millisecond of March counts as churned = 2/4.
    expect(triangle[0]?.retainedPercent).toEqual([75, 50, 50]);
    // February: end of Feb e, f = 2/2; end of Mar e only (f churned 15 Mar) = 1/2. April has not ended.
    expect(triangle[1]?.retainedPercent).toEqual([100, 50]);
  });

  it('sums each cohort’s revenue per month from its activation month', () => {
    expect(triangle[0]?.revenueMinor).toEqual(['1000', '200', '500']);
    expect(triangle[1]?.revenueMinor).toEqual(['300', '0']);
  });
});

describe('cohort retention triangle, by quarter, drawn on 2026-07-01', () => {
  const triangle = cohortTriangle(book, {
    granularity: 'quarter',
    from: '2025-10-01T00:00:00.000Z',
    to: '2026-04-01T00:00:00.000Z',
    asOf: '2026-07-01T00:00:00.000Z',
  });

  it('groups by activation quarter and fills every quarter ended by then', () => {
    // 2025-Q4: g alone, active throughout. 2026-Q1: a–f; at the end of March a, c, e are active = 3/6, and nothing changes in Q2.
    // Revenue in Q1: a 1,000 + 500, b 200, e 300 = 2,000; none in Q2.
    expect(triangle).toEqual([
      { period: '2025-Q4', size: 1, retainedPercent: [100, 100, 100], revenueMinor: ['0', '0', '0'] },
      { period: '2026-Q1', size: 6, retainedPercent: [50, 50], revenueMinor: ['2000', '0'] },
    ]);
  });
});

describe('period starts', () => {
  it.each([
    ['2026-01-15T10:00:00.000Z', 'day', '2026-01-15T00:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'week', '2026-01-12T00:00:00.000Z'],
    ['2026-01-11T10:00:00.000Z', 'week', '2026-01-05T00:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'month', '2026-01-01T00:00:00.000Z'],
    ['2026-05-31T23:59:59.999Z', 'quarter', '2026-04-01T00:00:00.000Z'],
    ['2026-12-01T00:00:00.000Z', 'quarter', '2026-10-01T00:00:00.000Z'],
  ] as const)('%s in a %s starts at %s', (instant, granularity, start) => {
    expect(periodStart(new Date(instant), granularity).toISOString()).toBe(start);
  });
});
