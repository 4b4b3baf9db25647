import {
  CUSTOMER_ID,
  SEALED_PERSONAL_DATA,
  T0,
  activeCustomerHistory,
  at,
  cny,
  complaintEscalated,
  complaintFiled,
  complaintResolved,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerProfileUpdated,
  customerReactivated,
  personalDataErased,
  pointsRedeemed,
  retentionAlertRaised,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import { createCustomerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import type { CustomerState, KnownCustomer } from './customer.state';

const decider = createCustomerDecider();
function fold(...events: readonly CustomerEvent[]): CustomerState {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

function known(state: CustomerState): KnownCustomer {
  if (state.status === 'none') throw new Error('expected a known customer');
  return state;
}

describe('no customer yet', () => {
  it('ignores an event that needs an acquired customer', () => {
    const initial = decider.initialState;
    expect(decider.evolve(initial, transactionRecorded())).toBe(initial);
  });

  it('becomes a prospect on acquisition, dated by the event', () => {
    expect(fold(customerAcquired())).toMatchObject({
      status: 'acquired',
      customerId: 'cust-0001',
      acquisitionChannel: 'branch',
      assets: cny('120000.00'),
      acquiredAt: T0,
      personal: SEALED_PERSONAL_DATA,
      loyalty: { balance: 0, lifetimeEarned: 0, redeemed: 0, tier: 'Bronze', recentEarnings: { days: [], points: [] } },
      lastEventAt: T0,
    });
  });
});

describe('an acquired customer', () => {
  it('is active after activation, with the bonus credited to its earning day', () => {
    const state = fold(customerAcquired(), customerActivated({ occurredAt: at({ days: 1 }) }));
    expect(state).toMatchObject({
      status: 'active',
      activatedAt: at({ days: 1 }),
      loyalty: {
        balance: 200,
        lifetimeEarned: 200,
        tier: 'Bronze',
        recentEarnings: { days: ['2026-01-06'], points: [200] },
      },
    });
  });

  it('takes the tier the activation recorded, whatever the bonus', () => {
    const state = fold(customerAcquired(), customerActivated({ pointsEarned: 1000, tierAfter: 'Silver' }));
    expect(known(state).loyalty).toMatchObject({ balance: 1000, tier: 'Silver' });
  });

  it('ignores a second acquisition', () => {
    const state = fold(customerAcquired());
    expect(decider.evolve(state, customerAcquired({ channel: 'mobile' }))).toBe(state);
  });
});

describe('an active customer', () => {
  const active = fold(...activeCustomerHistory());

  it('adds a transaction: id, count, last transaction time, points and tier from the event', () => {
    const transaction = transactionRecorded({ occurredAt: at({ days: 3 }), pointsEarned: 900, tierAfter: 'Silver' });
    const state = decider.evolve(active, transaction);
    const customer = known(state);
    expect(customer.transactionIds.has('txn-1')).toBe(true);
    expect(customer).toMatchObject({
      transactionCount: 1,
      lastTransactionAt: at({ days: 3 }),
      loyalty: { balance: 1100, lifetimeEarned: 1100, tier: 'Silver' },
    });
  });

  it('keeps the latest business time as the last transaction when an older one arrives late', () => {
    const newer = transactionRecorded({ occurredAt: at({ days: 3 }) });
    const older = transactionRecorded({ transactionId: 'txn-0', occurredAt: at({ days: 1 }) });
    const state = fold(...activeCustomerHistory(), newer, older);
    expect(state).toMatchObject({ transactionCount: 2, lastTransactionAt: at({ days: 3 }) });
  });

  it('ignores a transaction id it already holds', () => {
    const once = decider.evolve(active, transactionRecorded());
    expect(decider.evolve(once, transactionRecorded())).toBe(once);
  });

  it('lowers the balance on redemption but never the lifetime total', () => {
    expect(decider.evolve(active, pointsRedeemed({ points: 150 }))).toMatchObject({
      loyalty: { balance: 50, lifetimeEarned: 200, redeemed: 150 },
    });
  });

  it('prunes earnings that left the window, by the event time', () => {
    const state = decider.evolve(active, transactionRecorded({ occurredAt: at({ months: 13 }) }));
    expect(known(state).loyalty.recentEarnings).toEqual({ days: ['2027-02-05'], points: [10] });
  });

  it('prunes by the window the event recorded, not by any setting of today', () => {
    const threeMonthWindow = transactionRecorded({ occurredAt: at({ months: 3 }), tierWindowStartDay: '2026-01-06' });
    const kept = transactionRecorded({ transactionId: 'txn-2', occurredAt: at({ months: 3 }), tierWindowStartDay: '2026-01-05' });
    expect(known(decider.evolve(active, threeMonthWindow)).loyalty.recentEarnings).toEqual({ days: ['2026-04-05'], points: [10] });
    expect(known(decider.evolve(active, kept)).loyalty.recentEarnings).toEqual({ days: ['2026-01-05', '2026-04-05'], points: [200, 10] });
  });

  it('merges a profile update into the record', () => {
    expect(decider.evolve(active, customerProfileUpdated({ riskProfile: 'C5' }))).toMatchObject({
      assets: cny('650000.00'),
      riskProfile: 'C5',
    });
  });

  it('keeps the last three CSAT answers, oldest first', () => {
    const surveys = [5, 4, 3, 2].map((csat, index) => satisfactionRecorded({ surveyId: `srv-${index + 1}`, csat }));
    const state = known(fold(...activeCustomerHistory(), ...surveys));
    expect(state.recentSatisfaction).toEqual([
      { surveyId: 'srv-2', csat: 4 },
      { surveyId: 'srv-3', csat: 3 },
      { surveyId: 'srv-4', csat: 2 },
    ]);
    expect(state.surveyIds.size).toBe(4);
  });

  it('remembers the surveys it raised a retention alert for', () => {
    expect(known(decider.evolve(active, retentionAlertRaised())).retentionAlertSurveyIds.has('srv-3')).toBe(true);
  });

  it('drops the sealed personal data on erasure and records when', () => {
    const state = decider.evolve(active, personalDataErased({ occurredAt: at({ days: 9 }) }));
    expect(state).not.toHaveProperty('personal');
    expect(state).toMatchObject({ personalDataErasedAt: at({ days: 9 }) });
  });

  it('is churned with the reason and keeps its activation date', () => {
    expect(decider.evolve(active, customerChurned({ occurredAt: at({ days: 5 }) }))).toMatchObject({
      status: 'churned',
      activatedAt: T0,
      churnedAt: at({ days: 5 }),
      churnReason: 'moved to another bank',
    });
  });

  it('returns new objects and leaves the previous state as it was', () => {
    const next = known(decider.evolve(active, transactionRecorded()));
    expect(next).not.toBe(active);
    expect(known(active).transactionIds.has('txn-1')).toBe(false);
    expect(known(active).loyalty.balance).toBe(200);
  });
});

describe('a complaint', () => {
  const filed = fold(...activeCustomerHistory(), complaintFiled());

  it('is open once filed', () => {
    expect(known(filed).complaints['cmp-1']).toEqual({
      complaintId: 'cmp-1',
      severity: 'medium',
      status: 'open',
      filedAt: T0,
      dueAt: at({ days: 15 }),
      escalated: false,
      stage: 'filed',
      breached: false,
    });
  });

  it('keeps the first extension only: a second recorded one changes nothing', () => {
    const extension = (days: number, dueAt: string) =>
      ({
        type: 'ComplaintExtended',
        data: { customerId: CUSTOMER_ID, occurredAt: at({ days: 3 }), complaintId: 'cmp-1', days, reason: 'r', approver: 'a', dueAt },
      }) as const;
    const once = decider.evolve(filed, extension(5, at({ days: 20 })));
    expect(known(once).complaints['cmp-1']).toMatchObject({ extensionDays: 5, dueAt: at({ days: 20 }) });
    expect(known(decider.evolve(once, extension(9, at({ days: 29 })))).complaints['cmp-1']).toMatchObject({
      extensionDays: 5,
      dueAt: at({ days: 20 }),
    });
  });

  it('takes the later due date on escalation', () => {
    const escalated = known(decider.evolve(filed, complaintEscalated()));
    expect(escalated.complaints['cmp-1']).toMatchObject({ escalated: true, dueAt: at({ days: 30 }) });
  });

  it('is resolved at the event time, and a late escalation is then ignored', () => {
    const resolved = decider.evolve(filed, complaintResolved());
    expect(known(resolved).complaints['cmp-1']).toMatchObject({ status: 'resolved', stage: 'resolved', resolvedAt: at({ days: 2 }) });
    expect(decider.evolve(resolved, complaintEscalated())).toBe(resolved);
  });
});

describe('a churned customer', () => {
  it('is active again on reactivation, with its first activation date', () => {
    const reactivated = customerReactivated({ occurredAt: at({ days: 60 }) });
    const state = fold(...activeCustomerHistory(), customerChurned(), reactivated);
    expect(state).toMatchObject({ status: 'active', activatedAt: T0, lastEventAt: at({ days: 60 }) });
    expect(state).not.toHaveProperty('churnedAt');
  });

  it('is a prospect again on reactivation when it was never activated', () => {
    expect(fold(customerAcquired(), customerChurned(), customerReactivated())).toMatchObject({ status: 'acquired' });
  });
});

describe('a long stream', () => {
  it('folds 10,000 transactions, holding every id and a bounded earnings list', () => {
    const transactions = Array.from({ length: 10_000 }, (_, index) =>
      transactionRecorded({ transactionId: `txn-${index}`, occurredAt: at({ hours: index }) }),
    );
    const state = known(fold(...activeCustomerHistory(), ...transactions));
    expect(state.transactionIds.size).toBe(10_000);
    expect(state.transactionIds.has('txn-0') && state.transactionIds.has('txn-9999')).toBe(true);
    expect(state.transactionCount).toBe(10_000);
    expect(state.loyalty.lifetimeEarned).toBe(200 + 10_000 * 10);
    expect(state.loyalty.recentEarnings.days.length).toBeLessThanOrEqual(367);
    expect(state.loyalty.recentEarnings.points).toHaveLength(state.loyalty.recentEarnings.days.length);
  });
});
