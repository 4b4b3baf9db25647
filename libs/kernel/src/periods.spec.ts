import fc from 'fast-check';
import { addMonths, isCanonicalInstant, periodLabel, utcDayOf } from './periods';

describe('period labels (UTC, api.md "Periods")', () => {
  it.each([
    ['2026-01-15T23:59:59.999Z', 'day', '2026-01-15'],
    ['2026-01-15T10:00:00Z', 'month', '2026-01'],
    ['2026-01-15T10:00:00Z', 'week', '2026-W03'],
    ['2026-01-01T00:00:00Z', 'week', '2026-W01'],
    ['2027-01-01T00:00:00Z', 'week', '2026-W53'],
    ['2024-12-30T00:00:00Z', 'week', '2025-W01'],
    ['2026-01-12T00:00:00Z', 'week', '2026-W03'],
    ['2026-01-11T23:59:59Z', 'week', '2026-W02'],
  ] as const)('%s by %s is %s', (instant, granularity, label) => {
    expect(periodLabel(new Date(instant), granularity)).toBe(label);
  });

  it('adds calendar months, clamped to the month end', () => {
    expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T00:00:00Z'), -12).toISOString()).toBe('2025-03-15T00:00:00.000Z');
  });
});

describe('canonical instants (the fast path of UTC days)', () => {
  const MIN = Date.parse('0000-01-01T00:00:00.000Z');
  const MAX = Date.parse('9999-12-31T23:59:59.999Z');
  const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString());

  it('accepts whatever toISOString writes for years 0000 to 9999, and names its UTC day', () => {
    fc.assert(
      fc.property(instant, (iso) => {
        expect(isCanonicalInstant(iso)).toBe(true);
        expect(utcDayOf(iso)).toBe(periodLabel(new Date(iso), 'day'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('sorts as text in time order, equal instants alike', () => {
    fc.assert(
      fc.property(instant, instant, (left, right) => {
        expect(left >= right).toBe(Date.parse(left) >= Date.parse(right));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    '2026-01-15T09:30:00Z',
    '2026-01-15T09:30:00.000+08:00',
    '2026-02-30T00:00:00.000Z',
    '2025-02-29T00:00:00.000Z',
    '2026-01-15T24:00:00.000Z',
    '2026-01-15T23:60:00.000Z',
    '2026-01-15T23:59:60.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-00-10T00:00:00.000Z',
    '+002026-01-15T09:30:00.000Z',
    '2026-01-15 09:30:00.000Z',
    '2026-01-15T09:30:00.000z',
  ])('%s is not canonical, and its day comes from a Date as before (or fails as it did)', (text) => {
    expect(isCanonicalInstant(text)).toBe(false);
    expect(attempt(() => utcDayOf(text))).toBe(attempt(() => periodLabel(new Date(text), 'day')));
  });

  it('knows leap days the way Date does', () => {
    expect(isCanonicalInstant('2024-02-29T00:00:00.000Z')).toBe(true);
    expect(isCanonicalInstant('2000-02-29T00:00:00.000Z')).toBe(true);
    expect(isCanonicalInstant('0000-02-29T00:00:00.000Z')).toBe(true);
    expect(isCanonicalInstant('1900-02-29T00:00:00.000Z')).toBe(false);
  });

  it('gives the same day as a Date, or fails as a Date does, for any text near the canonical form', () => {
    const nearCanonical = fc
      .tuple(instant, fc.nat({ max: 23 }), fc.constantFrom('0', '9', '3', 'Z', '+', ':', '', '/', '-', 'T', '.', ' ', 'a'))
      .map(([iso, at, replacement]) => iso.slice(0, at) + replacement + iso.slice(at + 1));
    fc.assert(
      fc.property(nearCanonical, (text) => {
        const viaDate = attempt(() => periodLabel(new Date(text), 'day'));
        expect(attempt(() => utcDayOf(text))).toEqual(viaDate);
      }),
      { numRuns: 2_000 },
    );
  });
});

function attempt(compute: () => string): string {
  try {
    return compute();
  } catch (error: unknown) {
    return `throws ${String(error)}`;
  }
}
