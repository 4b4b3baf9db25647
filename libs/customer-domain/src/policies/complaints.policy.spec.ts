import { complaintDueAtOnClock, defaultComplaintClockConfig as config } from './complaint-clock.policy';
import { isOverdue, resolutionHours } from './complaints.policy';

const FILED = '2026-01-05T09:00:00.000Z';

describe('complaint due date', () => {
  it('is 15 days after filing', () => {
    expect(complaintDueAtOnClock(FILED, false, config)).toBe('2026-01-20T09:00:00.000Z');
  });

  it('is 30 days after filing once escalated', () => {
    expect(complaintDueAtOnClock(FILED, true, config)).toBe('2026-02-04T09:00:00.000Z');
  });
});

describe('overdue complaint', () => {
  const due = '2026-01-20T09:00:00.000Z';

  it.each<['open' | 'resolved', string, boolean]>([
    ['open', '2026-01-20T08:59:59.999Z', false],
    ['open', '2026-01-20T09:00:00.000Z', false],
    ['open', '2026-01-20T09:00:00.001Z', true],
    ['resolved', '2026-03-01T00:00:00.000Z', false],
  ])('an %s complaint due at 15 days is overdue at %s: %s', (status, now, overdue) => {
    expect(isOverdue({ status, dueAt: due }, now)).toBe(overdue);
  });
});

describe('resolution time in hours', () => {
  it.each<[string, number]>([
    ['2026-01-05T09:00:00.000Z', 0],
    ['2026-01-07T09:00:00.000Z', 48],
    ['2026-01-05T09:20:00.000Z', 0.33],
    ['2026-01-05T09:40:00.000Z', 0.67],
    ['2026-01-05T09:00:18.000Z', 0.01],
    ['2026-01-05T09:00:17.999Z', 0],
    ['2026-01-20T09:00:00.001Z', 360],
  ])('resolved at %s: %s hours', (resolvedAt, hours) => {
    expect(resolutionHours(FILED, resolvedAt)).toBe(hours);
  });
});
