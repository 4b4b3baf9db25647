import {
  CUSTOMER_ID,
  T0,
  activeCustomerHistory,
  customerAcquired,
  customerChurned,
  deciderSpec,
  raiseRetentionAlert,
  recordSatisfaction,
  retentionAlertRaised,
  satisfactionRecorded,
} from '@rapport/testing';
import type { CustomerEvent } from './customer.events';
import { createCustomerDecider } from './customer.decider';

const spec = deciderSpec(createCustomerDecider());
const stamp = { customerId: CUSTOMER_ID, occurredAt: T0 };
const active = activeCustomerHistory();

function answers(...scores: number[]): CustomerEvent[] {
  return scores.map((csat, index) => satisfactionRecorded({ surveyId: `srv-${index + 1}`, csat }));
}

describe('a customer answering a survey', () => {
  it('records the answer', () => {
    spec
      .given(...active)
      .when(recordSatisfaction({ csat: 2, nps: 6 }))
      .then([
        {
          type: 'SatisfactionRecorded',
          data: { ...stamp, surveyId: 'srv-1', csat: 2, nps: 6, touchpoint: 'account-opening', channel: 'branch' },
        },
      ]);
  });

  it('records an answer from a prospect too', () => {
    spec
      .given(customerAcquired())
      .when(recordSatisfaction({ nps: undefined }))
      .then([
        {
          type: 'SatisfactionRecorded',
          data: { ...stamp, surveyId: 'srv-1', csat: 4, touchpoint: 'account-opening', channel: 'branch' },
        },
      ]);
  });

  it('ignores a survey id it already recorded', () => {
    spec
      .given(...active, satisfactionRecorded())
      .when(recordSatisfaction({ csat: 1 }))
      .thenNothing();
  });
});

describe('a customer whose last three CSAT answers fall strictly', () => {
  it('gets a retention alert for the answer that completed the run', () => {
    spec
      .given(...active, ...answers(5, 4, 2))
      .when(raiseRetentionAlert({ surveyId: 'srv-3' }))
      .then([{ type: 'RetentionAlertRaised', data: { ...stamp, surveyId: 'srv-3', recentScores: [5, 4, 2] } }]);
  });

  it('looks at the last three answers only', () => {
    spec
      .given(...active, ...answers(1, 5, 4, 3))
      .when(raiseRetentionAlert({ surveyId: 'srv-4' }))
      .then([{ type: 'RetentionAlertRaised', data: { ...stamp, surveyId: 'srv-4', recentScores: [5, 4, 3] } }]);
  });

  it('ignores a second alert for the same survey', () => {
    spec
      .given(...active, ...answers(5, 4, 2), retentionAlertRaised({ surveyId: 'srv-3' }))
      .when(raiseRetentionAlert({ surveyId: 'srv-3' }))
      .thenNothing();
  });

  it('is not alerted for an answer that is no longer the latest (the saga asks again for the latest)', () => {
    spec
      .given(...active, ...answers(5, 4, 3, 2))
      .when(raiseRetentionAlert({ surveyId: 'srv-3' }))
      .thenFails('retention-alert-not-warranted');
  });

  it('is not alerted for a survey it never recorded', () => {
    spec
      .given(...active, ...answers(5, 4, 2))
      .when(raiseRetentionAlert({ surveyId: 'srv-9' }))
      .thenFails('retention-alert-not-warranted');
  });
});

describe('a customer whose last three CSAT answers do not fall strictly', () => {
  it.each<[string, number[]]>([
    ['level at the end', [5, 4, 4]],
    ['level at the start', [4, 4, 3]],
    ['rising in the middle', [3, 4, 2]],
    ['rising', [2, 3, 4]],
    ['only two answers', [5, 4]],
  ])('gets no retention alert: %s', (_case, scores) => {
    spec
      .given(...active, ...answers(...scores))
      .when(raiseRetentionAlert({ surveyId: `srv-${scores.length}` }))
      .thenFails('retention-alert-not-warranted');
  });
});

describe('a churned customer receiving a redelivered message', () => {
  const churned = [...active, ...answers(5, 4, 2), retentionAlertRaised({ surveyId: 'srv-3' }), customerChurned()];

  it('ignores a survey id it already recorded', () => {
    spec
      .given(...churned)
      .when(recordSatisfaction({ surveyId: 'srv-2' }))
      .thenNothing();
  });

  it('ignores an alert already raised for that survey', () => {
    spec
      .given(...churned)
      .when(raiseRetentionAlert({ surveyId: 'srv-3' }))
      .thenNothing();
  });
});
