import type { Money } from '@rapport/kernel';
import { NO_DAILY_POINTS, type DailyPoints } from '../customer.state';
import type { LoyaltyTier } from '../customer.values';
import {
  addEarning,
  defaultLoyaltyConfig as config,
  pointsInWindow,
  tierLapseDay,
  tierFor,
  tierWindow,
  transactionPoints,
  windowStartDay,
} from './loyalty.policy';

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });
const ASOF = '2026-01-05T09:00:00.000Z';

describe('points per transaction', () => {
  it.each<[string, LoyaltyTier, number]>([
    ['99.99', 'Bronze', 0],
    ['100.00', 'Bronze', 1],
    ['199.99', 'Bronze', 1],
    ['1000.00', 'Bronze', 10],
    ['1000.00', 'Silver', 12],
    ['1000.00', 'Gold', 15],
    ['1000.00', 'Platinum', 20],
    ['100.00', 'Silver', 1],
    ['499.99', 'Silver', 4],
    ['500.00', 'Silver', 6],
    ['300.00', 'Gold', 4],
    ['12345678.99', 'Silver', 148147],
  ])('%s CNY at %s earns %i points', (amount, tier, points) => {
    expect(transactionPoints(cny(amount), tier, config)).toBe(points);
  });

  it('earns nothing for a refund (negative amount)', () => {
    expect(transactionPoints(cny('-1000.00'), 'Gold', config)).toBe(0);
  });

  it('counts hundreds of whole major units in currencies without minor units', () => {
    expect(transactionPoints({ amount: '1000', currency: 'JPY' }, 'Silver', config)).toBe(12);
  });

  it('honours a multiplier of two decimals without float error', () => {
    const custom = { ...config, tierMultipliers: { ...config.tierMultipliers, Silver: 1.15 } };
    expect(transactionPoints(cny('2000.00'), 'Silver', custom)).toBe(23);
  });
});

describe('tier by points in the window', () => {
  it.each<[number, LoyaltyTier]>([
    [0, 'Bronze'],
    [999, 'Bronze'],
    [1000, 'Silver'],
    [4999, 'Silver'],
    [5000, 'Gold'],
    [19999, 'Gold'],
    [20000, 'Platinum'],
  ])('%i points hold %s', (points, tier) => {
    expect(tierFor(points, config)).toBe(tier);
  });
});

describe('trailing 12-month window as of 2026-01-05T09:00Z', () => {
  it.each<[string, number]>([
    ['2025-01-04', 0],
    ['2025-01-05', 0],
    ['2025-01-06', 100],
    ['2026-01-05', 100],
    ['2026-01-06', 0],
  ])('counts points earned on %s: %i', (day, counted) => {
    expect(pointsInWindow({ days: [day], points: [100] }, tierWindow(ASOF, config))).toBe(counted);
  });

  it('sums every day inside the window', () => {
    const earnings = { days: ['2025-01-05', '2025-06-01', '2026-01-05'], points: [1, 20, 300] };
    expect(pointsInWindow(earnings, tierWindow(ASOF, config))).toBe(320);
  });

  it('starts the window on 2025-01-06', () => {
    expect(windowStartDay(ASOF, config)).toBe('2025-01-06');
  });

  it('clamps to month end: as of 2024-02-29 the window starts on 2023-03-01', () => {
    const earnings = { days: ['2023-02-28', '2023-03-01'], points: [1, 10] };
    expect(pointsInWindow(earnings, tierWindow('2024-02-29T12:00:00.000Z', config))).toBe(10);
  });
});

describe('keeping the earnings list bounded', () => {
  it('drops the days before the window, which no later window can include', () => {
    const earnings = { days: ['2025-01-05', '2025-01-06'], points: [1, 2] };
    expect(addEarning(earnings, ASOF, 0, windowStartDay(ASOF, config))).toEqual({ days: ['2025-01-06'], points: [2] });
  });

  it('keeps days after the instant the points were earned at', () => {
    const earnings = { days: ['2026-02-01'], points: [7] };
    expect(addEarning(earnings, ASOF, 3, windowStartDay(ASOF, config))).toEqual({ days: ['2026-01-05', '2026-02-01'], points: [3, 7] });
  });

  it('merges points earned on the same UTC day', () => {
    const once = addEarning(NO_DAILY_POINTS, '2026-01-05T01:00:00.000Z', 10, '2025-01-06');
    expect(addEarning(once, '2026-01-05T23:00:00.000Z', 5, '2025-01-06')).toEqual({ days: ['2026-01-05'], points: [15] });
  });

  it('keeps days in order when an earlier day arrives late', () => {
    const earnings: DailyPoints = { days: ['2026-01-01', '2026-01-05'], points: [1, 5] };
    expect(addEarning(earnings, '2026-01-03T10:00:00.000Z', 3, '2025-01-04')).toEqual({
      days: ['2026-01-01', '2026-01-03', '2026-01-05'],
      points: [1, 3, 5],
    });
  });

  it('adds late points to an earlier day already held', () => {
    const earnings: DailyPoints = { days: ['2026-01-01', '2026-01-05'], points: [1, 5] };
    expect(addEarning(earnings, '2026-01-01T10:00:00.000Z', 3, '2025-01-04')).toEqual({
      days: ['2026-01-01', '2026-01-05'],
      points: [4, 5],
    });
  });

  it('adds no entry for zero points', () => {
    expect(addEarning(NO_DAILY_POINTS, ASOF, 0, '2025-01-06')).toEqual(NO_DAILY_POINTS);
  });
});

describe('the day a tier lapses if nothing more is earned', () => {
  it('is the first day whose window leaves out the earnings that kept the tier', () => {
    // Silver needs 1,000: without 2025-06-01's 600 only 600 remain; the window ending 2026-06-01 starts on 2025-06-02
    expect(tierLapseDay({ days: ['2025-06-01', '2025-09-01'], points: [600, 600] }, 'Silver', config)).toBe('2026-06-01');
  });

  it('steps past a clamped month end: a leap day leaves the window ending 2025-03-01', () => {
    expect(tierLapseDay({ days: ['2024-02-29'], points: [1000] }, 'Silver', config)).toBe('2025-03-01');
  });

  it('is a day already past when the window is short of the tier, and none for Bronze', () => {
    expect(tierLapseDay({ days: ['2025-06-01'], points: [100] }, 'Silver', config)).toBe('2025-06-01');
    expect(tierLapseDay(NO_DAILY_POINTS, 'Gold', config)).toBe('1970-01-01');
    expect(tierLapseDay({ days: ['2025-06-01'], points: [100_000] }, 'Bronze', config)).toBeNull();
  });
});
