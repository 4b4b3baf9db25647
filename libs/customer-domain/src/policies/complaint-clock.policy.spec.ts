import {
  complaintClockConfigErrors,
  complaintDueAtOnClock,
  defaultComplaintClockConfig,
  extendedDueAt,
  preBreachWarningAt,
  type ComplaintClockConfig,
} from './complaint-clock.policy';

// Dates below were counted by hand on a January 2026 calendar (1 January is a Thursday).
const FILED_FRIDAY = '2026-01-02T10:00:00.000Z';
const workingDays: ComplaintClockConfig = {
  ...defaultComplaintClockConfig,
  calendar: { counting: 'working-days', holidays: ['2026-01-05'], weekend: [0, 6], utcOffsetMinutes: 0 },
};

describe('complaint clock in calendar days (the default)', () => {
  it.each([
    [false, '2026-01-17T10:00:00.000Z'],
    [true, '2026-02-01T10:00:00.000Z'],
  ])('escalated %p: due %s', (isEscalated, dueAt) => {
    expect(complaintDueAtOnClock(FILED_FRIDAY, isEscalated, defaultComplaintClockConfig)).toBe(dueAt);
  });

  it('warns three days before the due date', () => {
    expect(preBreachWarningAt('2026-01-17T10:00:00.000Z', defaultComplaintClockConfig)).toBe('2026-01-14T10:00:00.000Z');
  });
});

describe('complaint clock in working days with a holiday on Monday 5 January', () => {
  it('skips the weekend and the holiday: 15 working days after Friday 2 January is Monday 26 January', () => {
    expect(complaintDueAtOnClock(FILED_FRIDAY, false, workingDays)).toBe('2026-01-26T10:00:00.000Z');
  });

  it('counts 30 working days once escalated: Monday 16 February', () => {
    expect(complaintDueAtOnClock(FILED_FRIDAY, true, workingDays)).toBe('2026-02-16T10:00:00.000Z');
  });

  it('extends by 10 working days from the due date: Monday 9 February', () => {
    expect(extendedDueAt('2026-01-26T10:00:00.000Z', 10, workingDays)).toBe('2026-02-09T10:00:00.000Z');
  });

  it('warns three working days before a Monday due date: the Wednesday before', () => {
    expect(preBreachWarningAt('2026-01-26T10:00:00.000Z', workingDays)).toBe('2026-01-21T10:00:00.000Z');
  });

  it('judges weekends and holidays on the local date (UTC+8)', () => {
    // 2026-01-02T20:00Z is Saturday 3 January 04:00 in China: the next working day there is Tuesday 6 January
    // when Monday 5 January is a holiday.
    const china = { ...workingDays, calendar: { ...workingDays.calendar, utcOffsetMinutes: 480 }, dueDays: 1 };
    expect(complaintDueAtOnClock('2026-01-02T20:00:00.000Z', false, china)).toBe('2026-01-05T20:00:00.000Z');
  });
});

describe('complaint clock configuration', () => {
  const base = defaultComplaintClockConfig;

  it('accepts the defaults', () => {
    expect(complaintClockConfigErrors(base)).toEqual([]);
  });

  it.each([
    [{ ...base, dueDays: 0 }, 'dueDays must be a whole number of days, at least 1'],
    [{ ...base, maxExtensionDays: 2.5 }, 'maxExtensionDays must be a whole number of days, at least 1'],
    [{ ...base, preBreachWarningDays: -1 }, 'preBreachWarningDays must be a whole number of days, at least 0'],
    [{ ...base, calendar: { ...base.calendar, holidays: ['2026-13-01'] } }, 'calendar.holidays must be dates YYYY-MM-DD'],
    [
      { ...base, calendar: { ...base.calendar, weekend: [0, 1, 2, 3, 4, 5, 6] } },
      'calendar.weekend must list weekdays 0 (Sunday) to 6 (Saturday), leaving at least one working day',
    ],
    [{ ...base, calendar: { ...base.calendar, utcOffsetMinutes: 900 } }, 'calendar.utcOffsetMinutes must be whole minutes within ±840'],
  ])('refuses %j naming the field', (config, message) => {
    expect(complaintClockConfigErrors(config)).toEqual([message]);
  });
});
