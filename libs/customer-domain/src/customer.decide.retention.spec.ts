import {
  CUSTOMER_ID,
  activeCustomerHistory,
  at,
  cny,
  complaintFiled,
  customerAcquired,
  customerChurned,
  customerProfileUpdated,
  deciderSpec,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import type { AssessChurnRisk, RecordRetentionAction, RecordRetentionActionOutcome } from './customer.commands';
import { defaultDomainConfig } from './customer.config';
import { createCustomerDecider } from './customer.decider';
import type { ChurnRiskAssessed, CustomerEvent, RetentionActionRecorded, RetentionActionOutcomeRecorded } from './customer.events';

// Default weights (churn-risk.policy.ts): dormancy 0 points until 60 days, rising to 50 at 180;
// falling satisfaction 30; 5 per open complaint; 20 per overdue one; at risk from 50.
const spec = deciderSpec(createCustomerDecider());
const active = activeCustomerHistory();
const lastTransaction = transactionRecorded({ occurredAt: at() });

const assess = (days: number): AssessChurnRisk => ({
  type: 'AssessChurnRisk',
  customerId: CUSTOMER_ID,
  occurredAt: at({ days }),
  data: {},
});

function assessed(days: number, data: Omit<ChurnRiskAssessed['data'], 'customerId' | 'occurredAt' | 'threshold'>): ChurnRiskAssessed {
  return { type: 'ChurnRiskAssessed', data: { customerId: CUSTOMER_ID, occurredAt: at({ days }), threshold: 50, ...data } };
}

describe('assessing churn risk', () => {
  it('scores 120 days of dormancy at half the weight (25), below the threshold: no crossing', () => {
    spec
      .given(...active, lastTransaction)
      .when(assess(120))
      .then([assessed(120, { score: 25, reasons: [{ signal: 'dormancy', value: 120, points: 25 }], crossed: null })]);
  });

  it('appends nothing when the score has not changed since the last assessment', () => {
    const earlier = assessed(120, { score: 25, reasons: [{ signal: 'dormancy', value: 120, points: 25 }], crossed: null });
    spec
      .given(...active, lastTransaction, earlier)
      .when(assess(121))
      .thenNothing();
  });

  it('appends nothing for a customer without any signal who was never scored', () => {
    spec
      .given(...active, lastTransaction)
      .when(assess(30))
      .thenNothing();
  });

  it('records crossing above the threshold when dormancy reaches its full weight', () => {
    spec
      .given(...active, lastTransaction)
      .when(assess(180))
      .then([assessed(180, { score: 50, reasons: [{ signal: 'dormancy', value: 180, points: 50 }], crossed: 'above' })]);
  });

  it('records crossing back below once a transaction ends the dormancy', () => {
    const atRisk = assessed(180, { score: 50, reasons: [{ signal: 'dormancy', value: 180, points: 50 }], crossed: 'above' });
    spec
      .given(...active, lastTransaction, atRisk, transactionRecorded({ transactionId: 'txn-2', occurredAt: at({ days: 181 }) }))
      .when(assess(181))
      .then([assessed(181, { score: 0, reasons: [], crossed: 'below' })]);
  });

  it('adds falling satisfaction, an overdue and an open complaint, largest first', () => {
    const falling: CustomerEvent[] = [5, 4, 2].map((csat, index) =>
      satisfactionRecorded({ surveyId: `srv-${index + 1}`, csat, nps: 8, occurredAt: at({ days: index }) }),
    );
    spec
      .given(...active, lastTransaction, ...falling, complaintFiled({ dueAt: at({ days: 15 }) }))
      .when(assess(16))
      .then([
        assessed(16, {
          score: 55,
          reasons: [
            { signal: 'falling-satisfaction', value: 1, points: 30 },
            { signal: 'overdue-complaints', value: 1, points: 20 },
            { signal: 'open-complaints', value: 1, points: 5 },
          ],
          crossed: 'above',
        }),
      ]);
  });

  it('counts detractor answers inside the 180-day window only, and an asset drop of at least 30 %', () => {
    const history = [
      customerAcquired({ assets: cny('100000.00') }),
      ...active.slice(1),
      lastTransaction,
      satisfactionRecorded({ surveyId: 'old', nps: 3, occurredAt: at({ days: -200 }) }),
      satisfactionRecorded({ surveyId: 'new', nps: 6, occurredAt: at({ days: 10 }) }),
      customerProfileUpdated({ assets: cny('60000.00'), occurredAt: at({ days: 11 }) }),
    ];
    spec
      .given(...history)
      .when(assess(20))
      .then([
        assessed(20, {
          score: 35,
          reasons: [
            { signal: 'asset-drop', value: 40, points: 25 },
            { signal: 'nps-detractor', value: 1, points: 10 },
          ],
          crossed: null,
        }),
      ]);
  });

  it('judges against the configured threshold and records it', () => {
    const strict = createCustomerDecider({ ...defaultDomainConfig, churnRisk: { ...defaultDomainConfig.churnRisk, atRiskFromScore: 20 } });
    const state = [...active, lastTransaction].reduce(strict.evolve, strict.initialState);
    expect(strict.decide(assess(120), state)).toEqual([
      {
        ...assessed(120, { score: 25, reasons: [{ signal: 'dormancy', value: 120, points: 25 }], crossed: 'above' }),
        data: expect.objectContaining({ threshold: 20 }),
      },
    ]);
  });

  it('judges as of the latest event when asked as of an earlier instant (a saga running late)', () => {
    const falling: CustomerEvent[] = [5, 4, 2].map((csat, index) =>
      satisfactionRecorded({ surveyId: `srv-${index + 1}`, csat, nps: 8, occurredAt: at({ days: index + 1 }) }),
    );
    spec
      .given(...active, lastTransaction, ...falling)
      .when(assess(1))
      .then([assessed(3, { score: 30, reasons: [{ signal: 'falling-satisfaction', value: 1, points: 30 }], crossed: null })]);
  });

  it('appends nothing when asked as of an instant before the last assessment', () => {
    const later = assessed(180, { score: 50, reasons: [{ signal: 'dormancy', value: 180, points: 50 }], crossed: 'above' });
    spec
      .given(...active, lastTransaction, later, complaintFiled({ occurredAt: at({ days: 100 }), dueAt: at({ days: 115 }) }))
      .when(assess(179))
      .thenNothing();
  });

  it.each([1, 8, 15, 60])(
    'appends nothing after each weekly transaction of a steady customer, the saga asking as of the transaction (week %i)',
    (weeks) => {
      const steady = Array.from({ length: weeks }, (_, week) =>
        transactionRecorded({ transactionId: `txn-week-${week}`, occurredAt: at({ days: 7 * (week + 1) }) }),
      );
      spec
        .given(...active, lastTransaction, ...steady)
        .when(assess(7 * weeks))
        .thenNothing();
    },
  );

  it('leaves a churned customer alone', () => {
    spec
      .given(...active, lastTransaction, customerChurned({ occurredAt: at({ days: 1 }) }))
      .when(assess(200))
      .thenNothing();
  });
});

const recordAction = (actionId = 'act-1'): RecordRetentionAction => ({
  type: 'RecordRetentionAction',
  customerId: CUSTOMER_ID,
  occurredAt: at({ days: 1 }),
  data: { actionId, kind: 'call', note: 'sealed:v1:note', recordedBy: 'branch-gateway' },
});
const actionRecorded: RetentionActionRecorded = {
  type: 'RetentionActionRecorded',
  data: {
    customerId: CUSTOMER_ID,
    occurredAt: at({ days: 1 }),
    actionId: 'act-1',
    kind: 'call',
    note: 'sealed:v1:note',
    recordedBy: 'branch-gateway',
  },
};
const recordOutcome = (actionId = 'act-1'): RecordRetentionActionOutcome => ({
  type: 'RecordRetentionActionOutcome',
  customerId: CUSTOMER_ID,
  occurredAt: at({ days: 2 }),
  data: { actionId, outcome: 'retained' },
});
const outcomeRecorded: RetentionActionOutcomeRecorded = {
  type: 'RetentionActionOutcomeRecorded',
  data: { customerId: CUSTOMER_ID, occurredAt: at({ days: 2 }), actionId: 'act-1', outcome: 'retained' },
};

describe('retention actions', () => {
  it('records an action with its sealed note', () => {
    spec
      .given(...active)
      .when(recordAction())
      .then([actionRecorded]);
  });

  it('ignores an action id it already recorded', () => {
    spec
      .given(...active, actionRecorded)
      .when(recordAction())
      .thenNothing();
  });

  it('refuses an action for a churned customer', () => {
    spec
      .given(...active, customerChurned())
      .when(recordAction())
      .thenFails('customer-churned');
  });

  it('records the outcome of a known action once', () => {
    spec
      .given(...active, actionRecorded)
      .when(recordOutcome())
      .then([outcomeRecorded]);
  });

  it('refuses the outcome of an unknown action', () => {
    spec
      .given(...active, actionRecorded)
      .when(recordOutcome('act-9'))
      .thenFails('retention-action-not-found');
  });

  it('refuses a second outcome', () => {
    spec
      .given(...active, actionRecorded, outcomeRecorded)
      .when(recordOutcome())
      .thenFails('retention-action-outcome-already-recorded');
  });
});
