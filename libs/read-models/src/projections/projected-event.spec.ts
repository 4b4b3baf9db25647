import { instantOf } from './projected-event';

describe('instantOf: the canonical (toISOString) form of an occurredAt', () => {
  it.each([
    ['a canonical instant, as it is', '2026-01-05T09:30:00.123Z', '2026-01-05T09:30:00.123Z'],
    ['29 February of a leap year, as it is', '2024-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['29 February of 2000 (a leap year), as it is', '2000-02-29T12:00:00.000Z', '2000-02-29T12:00:00.000Z'],
    ['29 February of a common year, rolled over as Date does', '2025-02-29T00:00:00.000Z', '2025-03-01T00:00:00.000Z'],
    ['29 February of 1900 (not a leap year), rolled over', '1900-02-29T00:00:00.000Z', '1900-03-01T00:00:00.000Z'],
    ['30 February, rolled over', '2025-02-30T00:00:00.000Z', '2025-03-02T00:00:00.000Z'],
    ['31 April, rolled over', '2025-04-31T10:00:00.000Z', '2025-05-01T10:00:00.000Z'],
    ['hour 24, rolled over to the next day', '2025-01-01T24:00:00.000Z', '2025-01-02T00:00:00.000Z'],
    ['an offset, in UTC', '2026-01-05T08:00:00+08:00', '2026-01-05T00:00:00.000Z'],
    ['no milliseconds, with them', '2026-01-05T08:00:00Z', '2026-01-05T08:00:00.000Z'],
    ['a date alone, at midnight UTC', '2026-01-05', '2026-01-05T00:00:00.000Z'],
  ])('gives %s', (_, value, expected) => {
    expect(instantOf(value)).toBe(expected);
    expect(instantOf(value)).toBe(new Date(Date.parse(value)).toISOString());
  });

  it.each([['not a date'], ['2025-13-01T00:00:00.000Z'], ['2025-01-01T23:60:00.000Z'], [''], [42], [null], [undefined]])('gives null for %p', (value) => {
    expect(instantOf(value)).toBeNull();
  });
});
