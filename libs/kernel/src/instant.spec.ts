import fc from 'fast-check';
import { compareInstants, EPOCH, instantAt, isInstant, toInstant, utcDayOf } from './instant';
import { periodLabel } from './periods';

const MIN = Date.parse('0000-01-01T00:00:00.000Z');
const MAX = Date.parse('9999-12-31T23:59:59.999Z');
const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString());

describe('instants in their canonical form', () => {
  it('is whatever toISOString writes for years 0000 to 9999, and names its UTC day', () => {
    fc.assert(
      fc.property(instant, (iso) => {
        expect(isInstant(iso)).toBe(true);
        expect(toInstant(iso)).toBe(iso);
        expect(utcDayOf(iso)).toBe(periodLabel(new Date(iso), 'day'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('compares in time order, equal instants alike', () => {
    fc.assert(
      fc.property(instant, instant, (left, right) => {
        expect(Math.sign(compareInstants(left, right))).toBe(Math.sign(Date.parse(left) - Date.parse(right)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('knows leap days the way Date does', () => {
    expect(isInstant('2024-02-29T00:00:00.000Z')).toBe(true);
    expect(isInstant('2000-02-29T00:00:00.000Z')).toBe(true);
    expect(isInstant('0000-02-29T00:00:00.000Z')).toBe(true);
    expect(isInstant('1900-02-29T00:00:00.000Z')).toBe(false);
  });
});

describe('toInstant, the one way in from outside text', () => {
  it.each([
    ['2026-01-15T09:30:00Z', '2026-01-15T09:30:00.000Z'],
    ['2026-01-15T09:30Z', '2026-01-15T09:30:00.000Z'],
    ['2026-01-15T09:30:00.123456+08:00', '2026-01-15T01:30:00.123Z'],
    ['2026-01-15T01:30:00.000-05:00', '2026-01-15T06:30:00.000Z'],
    ['2026-01-01T02:00:00+08:00', '2025-12-31T18:00:00.000Z'],
    ['2026-01-15t09:30:00z', '2026-01-15T09:30:00.000Z'],
  ])('%s is %s', (text, canonical) => {
    expect(toInstant(text)).toBe(canonical);
  });

  it.each([
    'not a time',
    '',
    '2026-01-15',
    '2026-01-15T09:30:00',
    '2026-01-15 09:30:00Z',
    '2026-01-15T24:00:00Z',
    '2026-01-15T09:60:00Z',
    '2026-01-15T09:30:00+24:00',
    '2025-02-29T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '0000-01-01T00:30:00+01:00',
    '2026-02-30T00:00:00.000Z',
  ])('%j is no instant', (text) => {
    expect(toInstant(text)).toBeUndefined();
  });

  it.each([
    '2026-01-15T09:30:00Z',
    '2026-01-15T09:30:00.000+08:00',
    '2026-02-30T00:00:00.000Z',
    '2026-01-15T24:00:00.000Z',
    '2026-01-15T23:59:60.000Z',
    '2026-13-01T00:00:00.000Z',
    '+002026-01-15T09:30:00.000Z',
    '2026-01-15 09:30:00.000Z',
    '2026-01-15T09:30:00.000z',
  ])('%s is not canonical as it stands', (text) => {
    expect(isInstant(text)).toBe(false);
  });
});

describe('instantAt, the instant at epoch milliseconds', () => {
  it('writes what toISOString writes, for years 0000 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => expect(instantAt(ms)).toBe(new Date(ms).toISOString())),
      { numRuns: 5_000 },
    );
    for (const iso of [
      EPOCH,
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
    ])
      expect(instantAt(Date.parse(iso))).toBe(iso);
  });

  it('leaves any other time to toISOString', () => {
    for (const ms of [MAX + 1, MIN - 1, 1.5]) expect(instantAt(ms)).toBe(new Date(ms).toISOString());
  });
});
