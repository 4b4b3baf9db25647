import fc from 'fast-check';
import { addMonths, DAY_MS, dayOfEpochDay, dayOfTime, dayPlusDays, dayPlusMonths, epochDayOf } from './utc-days';

// The oracles are Date's own arithmetic; shifts stay inside the years 0000–9999 that labels cover.
const MIN = Date.parse('0002-01-01T00:00:00.000Z');
const MAX = Date.parse('9997-12-31T23:59:59.999Z');
const time = fc.integer({ min: MIN, max: MAX });
const day = time.map((ms) => new Date(ms).toISOString().slice(0, 10));

function oracleAddMonths(instant: Date, months: number): Date {
  const result = new Date(instant.getTime());
  const dayOfMonth = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(dayOfMonth, lastDay));
  return result;
}

describe('UTC days in integers', () => {
  it('names the UTC day of an instant as toISOString does', () => {
    fc.assert(
      fc.property(time, (ms) => {
        expect(dayOfTime(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
      { numRuns: 5_000 },
    );
  });

  it('counts epoch days as Date does, and back', () => {
    fc.assert(
      fc.property(day, (label) => {
        const epochDay = epochDayOf(label);
        expect(epochDay).toBe(Date.parse(`${label}T00:00:00.000Z`) / DAY_MS);
        expect(dayOfEpochDay(epochDay)).toBe(label);
      }),
      { numRuns: 5_000 },
    );
  });

  it('adds days as Date does', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (label, days) => {
        const expected = new Date(Date.parse(`${label}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
        expect(dayPlusDays(label, days)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('adds calendar months to days and instants as Date does, clamped to the month end', () => {
    fc.assert(
      fc.property(time, fc.integer({ min: -24, max: 24 }), (ms, months) => {
        const expected = oracleAddMonths(new Date(ms), months);
        expect(addMonths(new Date(ms), months).toISOString()).toBe(expected.toISOString());
        expect(dayPlusMonths(dayOfTime(ms), months)).toBe(expected.toISOString().slice(0, 10));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-02-29', 12, '2001-02-28'],
    ['2000-02-29', 48, '2004-02-29'],
    ['1900-01-29', 1, '1900-02-28'],
    ['0000-01-31', 1, '0000-02-29'],
    ['2026-03-15', -12, '2025-03-15'],
    ['2026-01-05', -13, '2024-12-05'],
  ] as const)('%s plus %i months is %s', (from, months, expected) => {
    expect(dayPlusMonths(from, months)).toBe(expected);
  });

  it('keeps the time of day when adding months to an instant', () => {
    expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T00:00:00Z'), -12).toISOString()).toBe('2025-03-15T00:00:00.000Z');
  });

  it('writes years below 1000 with four digits', () => {
    expect(dayOfEpochDay(epochDayOf('0000-02-29'))).toBe('0000-02-29');
    expect(dayPlusDays('0999-12-31', 1)).toBe('1000-01-01');
  });
});
