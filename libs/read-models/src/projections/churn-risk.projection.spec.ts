import type { ChurnRiskAssessed, CustomerEvent } from '@rapport/customer-domain';
import { at, customerAcquired, customerActivated, customerChurned, customerReactivated, transactionRecorded } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { CHURN_RISK, churnRiskProjection, RETENTION_TOTALS } from './churn-risk.projection';
import { defaultReadModelConfig } from './read-model.config';

const projection = churnRiskProjection(defaultReadModelConfig);

function scored(days: number, score: number, crossed: ChurnRiskAssessed['data']['crossed'], threshold = 50): ChurnRiskAssessed {
  return {
    type: 'ChurnRiskAssessed',
    data: { customerId: 'cust-0001', occurredAt: at({ days }), score, reasons: [], threshold, crossed },
  };
}
const action = (actionId: string, days: number): CustomerEvent => ({
  type: 'RetentionActionRecorded',
  data: { customerId: 'cust-0001', occurredAt: at({ days }), actionId, kind: 'call', recordedBy: 'crm' },
});
const outcome = (actionId: string, days: number, result: 'retained' | 'declined'): CustomerEvent => ({
  type: 'RetentionActionOutcomeRecorded',
  data: { customerId: 'cust-0001', occurredAt: at({ days }), actionId, outcome: result },
});

async function documents(...events: CustomerEvent[]) {
  const all = await project(projection, [customerAcquired(), customerActivated(), ...events]);
  return { customer: all[CHURN_RISK]?.[0], totals: all[RETENTION_TOTALS]?.[0] };
}

describe('the churn-risk projection', () => {
  it('dates the stretch at risk from the crossing above, keeps it while the score moves, and clears it below', async () => {
    expect((await documents(scored(1, 60, 'above'), scored(2, 70, null))).customer).toMatchObject({
      score: 70,
      isAtRisk: true,
      atRiskSince: at({ days: 1 }),
      assessedAt: at({ days: 2 }),
    });
    expect((await documents(scored(1, 60, 'above'), scored(3, 20, 'below'))).customer).toMatchObject({
      isAtRisk: false,
      atRiskSince: null,
      hasBeenAtRisk: true,
    });
  });

  it('judges at risk by the threshold each score was recorded with', async () => {
    expect((await documents(scored(1, 30, 'above', 25))).customer).toMatchObject({ isAtRisk: true, threshold: 25 });
  });

  it('counts a customer at risk once however often they cross, and retained once however many actions are retained', async () => {
    const { totals } = await documents(
      scored(1, 60, 'above'),
      action('a1', 2),
      outcome('a1', 3, 'retained'),
      scored(4, 10, 'below'),
      scored(5, 55, 'above'),
      action('a2', 6),
      outcome('a2', 7, 'retained'),
    );
    expect(totals).toMatchObject({ everAtRisk: 1, retainedAfterAction: 1 });
  });

  it('does not count as retained an action on a customer who was never at risk', async () => {
    const { totals } = await documents(scored(1, 10, null), action('a1', 2), outcome('a1', 3, 'retained'));
    expect(totals).toMatchObject({ everAtRisk: 0, retainedAfterAction: 0 });
  });

  it('shows the last action; an outcome for an earlier one leaves it as it is', async () => {
    const { customer } = await documents(scored(1, 60, 'above'), action('a1', 2), action('a2', 3), outcome('a1', 4, 'declined'));
    expect(customer?.lastAction).toEqual({ actionId: 'a2', kind: 'call', recordedAt: at({ days: 3 }), outcome: null, outcomeAt: null });
  });

  it('follows the lifecycle and the latest transaction', async () => {
    const late = transactionRecorded({ transactionId: 't2', occurredAt: at({ days: 9 }) });
    const early = transactionRecorded({ transactionId: 't1', occurredAt: at({ days: 2 }) });
    expect((await documents(late, early)).customer).toMatchObject({ status: 'active', lastTransactionAt: at({ days: 9 }) });
    expect((await documents(customerChurned({ occurredAt: at({ days: 1 }) }))).customer).toMatchObject({ status: 'churned' });
    const back = await documents(customerChurned({ occurredAt: at({ days: 1 }) }), customerReactivated({ occurredAt: at({ days: 2 }) }));
    expect(back.customer).toMatchObject({ status: 'active' });
  });
});
