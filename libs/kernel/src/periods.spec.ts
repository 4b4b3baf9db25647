import { periodLabel } from './periods';

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
});
