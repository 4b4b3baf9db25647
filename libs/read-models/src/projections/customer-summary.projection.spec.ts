import {
  at,
  complaintFiled,
  complaintResolved,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerReactivated,
  pointsRedeemed,
  retentionAlertRaised,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { CUSTOMER_SUMMARY, customerSummaryProjection } from './customer-summary.projection';
import { defaultReadModelConfig } from './read-model.config';

const summaryOf = async (...events: Parameters<typeof project>[1]) =>
  (await project(customerSummaryProjection(defaultReadModelConfig), events))[CUSTOMER_SUMMARY] ?? [];

describe('customer summary projection', () => {
  it('given an acquired, activated, transacting customer with answers and a complaint, then the 360 holds them all', async () => {
    const [summary] = await summaryOf(
      customerAcquired(),
      customerActivated(),
      transactionRecorded({ occurredAt: at({ days: 1 }) }),
      satisfactionRecorded({ surveyId: 's1', csat: 5 }),
      satisfactionRecorded({ surveyId: 's2', csat: 3 }),
      complaintFiled(),
    );
    expect(summary).toEqual({
      _id: 'cust-0001',
      position: 60,
      customerId: 'cust-0001',
      facts: {
        status: 'active',
        customerType: 'individual',
        valueTier: 'affluent',
        riskProfile: 'C3',
        activatedAt: '2026-01-05T09:00:00.000Z',
        lastTransactionAt: '2026-01-06T09:00:00.000Z',
        recentTransactionDays: '2026-01-06:1',
      },
      acquiredAt: '2026-01-05T09:00:00.000Z',
      // 200 activation bonus + 10 for 1,000.00 CNY at Bronze
      loyalty: { balance: 210, tier: 'Bronze' },
      satisfaction: { last: 3, responses: 2, satisfied: 1 },
      openComplaints: 1,
      retentionAlerts: 0,
      revision: 5,
    });
  });

  it('when a complaint is resolved, points redeemed and an alert raised, then the counts and balance follow', async () => {
    const [summary] = await summaryOf(
      customerAcquired(),
      customerActivated(),
      complaintFiled(),
      complaintResolved(),
      pointsRedeemed({ points: 150, balanceAfter: 50 }),
      retentionAlertRaised(),
    );
    expect(summary).toMatchObject({ openComplaints: 0, loyalty: { balance: 50, tier: 'Bronze' }, retentionAlerts: 1, revision: 5 });
  });

  it('when the customer churns and comes back, then the status follows and the activation date stays', async () => {
    const churned = await summaryOf(customerAcquired(), customerActivated(), customerChurned({ occurredAt: at({ days: 30 }) }));
    const back = await summaryOf(
      customerAcquired(),
      customerActivated(),
      customerChurned({ occurredAt: at({ days: 30 }) }),
      customerReactivated({ occurredAt: at({ days: 60 }) }),
    );
    const factsOf = (docs: readonly Record<string, unknown>[]) => docs[0]?.facts as { status: string; activatedAt: string } | undefined;
    expect([factsOf(churned)?.status, factsOf(back)?.status, factsOf(back)?.activatedAt]).toEqual([
      'churned',
      'active',
      '2026-01-05T09:00:00.000Z',
    ]);
  });

  it('given events of a customer never acquired, then there is no summary', async () => {
    expect(await summaryOf(transactionRecorded(), satisfactionRecorded())).toEqual([]);
  });
});
