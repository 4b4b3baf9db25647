import {
  CUSTOMER_ID,
  T0,
  activeCustomerHistory,
  assignComplaint,
  changeComplaintStage,
  complaintFiled,
  complaintResolved,
  escalateComplaint,
  extendComplaint,
  fileComplaint,
  recordComplaintBreach,
  resolveComplaint,
  warnOfComplaintBreach,
} from '@rapport/testing';
import { defaultDomainConfig } from './customer.config';
import { createCustomerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import { defaultComplaintClockConfig } from './policies/complaint-clock.policy';

/*
 * By hand, on a working-day calendar with Saturday and Sunday off and a holiday on Tuesday
 * 6 January 2026, for a complaint filed on Monday 5 January at 09:00 UTC (T0):
 * - due 15 working days later: Wed 7 … Tue 27 January (the 6th skipped);
 * - extended by 10 working days from there: Tuesday 10 February;
 * - its pre-breach warning 3 working days before: Mon 9, Fri 6, Thursday 5 February;
 * - escalated, 30 working days after filing: Tuesday 17 February; with the extension on top, Tuesday 3 March.
 */
const workingDays = {
  ...defaultComplaintClockConfig,
  calendar: { counting: 'working-days' as const, holidays: ['2026-01-06'], weekend: [0, 6], utcOffsetMinutes: 0 },
};
const spec = createSpec(workingDays);
const stamp = (occurredAt: string) => ({ customerId: CUSTOMER_ID, occurredAt });
const DUE = '2026-01-27T09:00:00.000Z';
const EXTENDED_DUE = '2026-02-10T09:00:00.000Z';
const EXTENDED_WARNING = '2026-02-05T09:00:00.000Z';

function createSpec(complaints: typeof workingDays) {
  const decider = createCustomerDecider({ ...defaultDomainConfig, complaints });
  return {
    given: (...history: CustomerEvent[]) => ({
      when: (command: Parameters<typeof decider.decide>[0]) =>
        decider.decide(
          command,
          history.reduce((state, event) => decider.evolve(state, event), decider.initialState),
        ),
    }),
  };
}

const filed = complaintFiled({ dueAt: DUE });
const extended: CustomerEvent = {
  type: 'ComplaintExtended',
  data: { ...stamp('2026-01-12T10:00:00.000Z'), complaintId: 'cmp-1', days: 10, reason: 'sealed', approver: 'lead', dueAt: EXTENDED_DUE },
};
const breached: CustomerEvent = {
  type: 'ComplaintBreached',
  data: { ...stamp('2026-01-28T00:00:00.000Z'), complaintId: 'cmp-1', dueAt: DUE },
};
const open = [...activeCustomerHistory(), filed];

describe('the due date on a working-day calendar', () => {
  it('skips weekends and holidays when filing', () => {
    expect(spec.given(...activeCustomerHistory()).when(fileComplaint())).toEqual([
      expect.objectContaining({ type: 'ComplaintFiled', data: expect.objectContaining({ dueAt: DUE }) }),
    ]);
  });

  it('extends from the current due date, recording approver, days and the new due date', () => {
    const command = extendComplaint({ occurredAt: '2026-01-12T10:00:00.000Z', reason: 'waiting', approver: 'lead' });
    expect(spec.given(...open).when(command)).toEqual([
      {
        type: 'ComplaintExtended',
        data: {
          ...stamp('2026-01-12T10:00:00.000Z'),
          complaintId: 'cmp-1',
          days: 10,
          reason: 'waiting',
          approver: 'lead',
          dueAt: EXTENDED_DUE,
        },
      },
    ]);
  });

  it('escalates to 30 working days after filing, keeping an extension granted before', () => {
    expect(spec.given(...open).when(escalateComplaint())).toMatchObject([{ data: { dueAt: '2026-02-17T09:00:00.000Z' } }]);
    expect(spec.given(...open, extended).when(escalateComplaint())).toMatchObject([{ data: { dueAt: '2026-03-03T09:00:00.000Z' } }]);
  });
});

describe('an extension', () => {
  it.each([
    ['a second one', [...open, extended], extendComplaint(), 'complaint-already-extended'],
    ['one past the configured maximum', open, extendComplaint({ days: 31 }), 'complaint-extension-too-long'],
    ['one after the breach', [...open, breached], extendComplaint(), 'complaint-breached'],
    ['one for a resolved complaint', [...open, complaintResolved()], extendComplaint(), 'complaint-not-open'],
    ['one for a complaint never filed', activeCustomerHistory(), extendComplaint(), 'complaint-not-found'],
  ])('refuses %s', (_case, history, command, code) => {
    expect(spec.given(...history).when(command)).toMatchObject({ kind: 'domain-error', code });
  });

  it('grants exactly the maximum', () => {
    expect(spec.given(...open).when(extendComplaint({ days: 30 }))).toMatchObject([{ type: 'ComplaintExtended', data: { days: 30 } }]);
  });
});

describe('assignee', () => {
  const assigned: CustomerEvent = { type: 'ComplaintAssigned', data: { ...stamp(T0), complaintId: 'cmp-1', assignee: 'agent-7' } };

  it('is recorded, and the same assignee again appends nothing', () => {
    expect(spec.given(...open).when(assignComplaint())).toEqual([assigned]);
    expect(spec.given(...open, assigned).when(assignComplaint())).toEqual([]);
  });

  it('can change to someone else, but not on a resolved complaint', () => {
    expect(spec.given(...open, assigned).when(assignComplaint({ assignee: 'agent-9' }))).toMatchObject([{ data: { assignee: 'agent-9' } }]);
    expect(spec.given(...open, complaintResolved()).when(assignComplaint())).toMatchObject({ code: 'complaint-not-open' });
  });
});

describe('stages filed → investigating → responded → resolved', () => {
  const stageChanged = (stage: 'investigating' | 'responded'): CustomerEvent => ({
    type: 'ComplaintStageChanged',
    data: { ...stamp(T0), complaintId: 'cmp-1', stage },
  });
  const investigating = [...open, stageChanged('investigating')];
  const responded = [...investigating, stageChanged('responded')];

  it('moves one stage forward at a time', () => {
    expect(spec.given(...open).when(changeComplaintStage())).toEqual([stageChanged('investigating')]);
    expect(spec.given(...investigating).when(changeComplaintStage({ stage: 'responded' }))).toEqual([stageChanged('responded')]);
    expect(spec.given(...responded).when(resolveComplaint())).toMatchObject([{ type: 'ComplaintResolved' }]);
  });

  it.each([
    ['filed', 'responded', open],
    ['investigating', 'investigating', investigating],
    ['responded', 'investigating', responded],
    ['responded', 'responded', responded],
  ] as const)('refuses %s → %s as an invalid transition', (from, to, history) => {
    expect(spec.given(...history).when(changeComplaintStage({ stage: to }))).toMatchObject({
      code: 'complaint-stage-transition-invalid',
      details: { complaintId: 'cmp-1', from, to },
    });
  });

  it('refuses any stage once resolved', () => {
    expect(spec.given(...responded, complaintResolved()).when(changeComplaintStage())).toMatchObject({ code: 'complaint-not-open' });
  });
});

describe('the pre-breach warning', () => {
  const withExtension = [...open, extended];
  const warned: CustomerEvent = {
    type: 'ComplaintBreachWarned',
    data: { ...stamp(EXTENDED_WARNING), complaintId: 'cmp-1', dueAt: EXTENDED_DUE },
  };

  it('is issued at its instant, for the due date it names, and not a millisecond before', () => {
    expect(spec.given(...withExtension).when(warnOfComplaintBreach({ occurredAt: '2026-02-05T08:59:59.999Z' }))).toEqual([]);
    expect(spec.given(...withExtension).when(warnOfComplaintBreach({ occurredAt: EXTENDED_WARNING }))).toEqual([warned]);
  });

  it('is issued once for a due date, at the same or any later instant', () => {
    expect(spec.given(...withExtension, warned).when(warnOfComplaintBreach({ occurredAt: EXTENDED_WARNING }))).toEqual([]);
    expect(spec.given(...withExtension, warned).when(warnOfComplaintBreach({ occurredAt: '2026-02-09T00:00:00.000Z' }))).toEqual([]);
  });

  it('is issued again when a later due date replaces the one warned of', () => {
    const warnedEarly: CustomerEvent = {
      type: 'ComplaintBreachWarned',
      data: { ...stamp('2026-01-22T09:00:00.000Z'), complaintId: 'cmp-1', dueAt: DUE },
    };
    expect(spec.given(...open, warnedEarly, extended).when(warnOfComplaintBreach({ occurredAt: EXTENDED_WARNING }))).toEqual([warned]);
  });

  it('is not issued for a resolved or breached complaint, and names a complaint never filed', () => {
    expect(spec.given(...open, complaintResolved()).when(warnOfComplaintBreach({ occurredAt: DUE }))).toEqual([]);
    expect(spec.given(...open, breached).when(warnOfComplaintBreach({ occurredAt: DUE }))).toEqual([]);
    expect(spec.given(...activeCustomerHistory()).when(warnOfComplaintBreach())).toMatchObject({ code: 'complaint-not-found' });
  });
});

describe('the breach', () => {
  it('is recorded once the due instant has passed, not at it', () => {
    expect(spec.given(...open).when(recordComplaintBreach({ occurredAt: DUE }))).toEqual([]);
    expect(spec.given(...open).when(recordComplaintBreach({ occurredAt: '2026-01-27T09:00:00.001Z' }))).toEqual([
      { type: 'ComplaintBreached', data: { ...stamp('2026-01-27T09:00:00.001Z'), complaintId: 'cmp-1', dueAt: DUE } },
    ]);
  });

  it('is recorded once, and never for a resolved complaint', () => {
    expect(spec.given(...open, breached).when(recordComplaintBreach({ occurredAt: '2026-03-01T00:00:00.000Z' }))).toEqual([]);
    expect(spec.given(...open, complaintResolved()).when(recordComplaintBreach({ occurredAt: '2026-03-01T00:00:00.000Z' }))).toEqual([]);
  });
});
