import { instantOf } from './projected-event';

describe('instantOf: the instant an occurredAt names', () => {
  it.each([
    ['a canonical instant', '2026-01-05T09:30:00.123Z'],
    ['29 February of a leap year', '2024-02-29T00:00:00.000Z'],
    ['29 February of 2000 (a leap year)', '2000-02-29T12:00:00.000Z'],
  ])('gives %s as it is', (_, value) => {
    expect(instantOf(value)).toBe(value);
  });

  it.each([
    ['not a date'],
    ['2025-02-29T00:00:00.000Z'],
    ['2025-13-01T00:00:00.000Z'],
    ['2025-01-01T23:60:00.000Z'],
    ['2026-01-05T08:00:00+08:00'],
    ['2026-01-05'],
    [''],
    [42],
    [null],
    [undefined],
  ])('gives null for %p, which no edge writes', (value) => {
    expect(instantOf(value)).toBeNull();
  });
});
