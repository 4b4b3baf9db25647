import type { ChurnRiskAssessed, CustomerEvent } from '@rapport/customer-domain';
import { at, customerAcquired, customerActivated, customerChurned } from '@rapport/testing';
import { CHURN_RISK, churnRiskProjection, RETENTION_TOTALS } from '../projections/churn-risk.projection';
import { defaultReadModelConfig } from '../projections/read-model.config';
import type { ReadModelStore } from '../read-model-store.port';
import { findWorklist, retainedAfterAction, type WorklistQuery } from '../reading/worklist.view';
import { applyEvents } from '../runtime/apply-events';
import { DocumentSet } from '../runtime/document-set';
import { stored } from './projection-harness';
import { aCollection, type Given } from './read-model-store.fixtures';

function scored(customerId: string, days: number, score: number, crossed: ChurnRiskAssessed['data']['crossed']): ChurnRiskAssessed {
  const reasons = [{ signal: 'dormancy' as const, value: 60 + days, points: score }];
  return { type: 'ChurnRiskAssessed', data: { customerId, occurredAt: at({ days }), score, reasons, threshold: 50, crossed } };
}

function customer(customerId: string, customerType: 'individual' | 'corporate' = 'individual'): CustomerEvent[] {
  return [customerAcquired({ customerId, customerType }), customerActivated({ customerId })];
}

/** a 70, b and c 55 (a tie), d below the threshold, e at risk but churned, f back below: a, b, c at risk. */
const history: CustomerEvent[] = [
  ...customer('a'),
  ...customer('b'),
  ...customer('c', 'corporate'),
  ...customer('d'),
  ...customer('e'),
  ...customer('f'),
  scored('a', 10, 70, 'above'),
  scored('b', 11, 55, 'above'),
  scored('c', 12, 55, 'above'),
  scored('d', 12, 30, null),
  scored('e', 12, 80, 'above'),
  customerChurned({ customerId: 'e', occurredAt: at({ days: 13 }) }),
  scored('f', 12, 60, 'above'),
  scored('f', 14, 40, 'below'),
  scored('a', 15, 75, null),
  {
    type: 'RetentionActionRecorded',
    data: { customerId: 'a', occurredAt: at({ days: 16 }), actionId: 'act-a', kind: 'offer', recordedBy: 'crm', note: 'sealed:v1:x' },
  },
  {
    type: 'RetentionActionOutcomeRecorded',
    data: { customerId: 'a', occurredAt: at({ days: 17 }), actionId: 'act-a', outcome: 'retained' },
  },
  {
    type: 'RetentionActionRecorded',
    data: { customerId: 'b', occurredAt: at({ days: 16 }), actionId: 'act-b', kind: 'call', recordedBy: 'crm' },
  },
];

/** The churn-risk projection's documents in collections of this case's own. */
async function projectInto(store: ReadModelStore, suffix: string): Promise<void> {
  const projection = churnRiskProjection(defaultReadModelConfig);
  const names = (collection: string) => `${collection}_${suffix}`;
  const documents = new DocumentSet();
  await applyEvents(store, documents, projection, stored(history), names);
  for (const collections of [[names(RETENTION_TOTALS)], [names(CHURN_RISK)]]) {
    const writes = documents.takeWrites(collections);
    if (writes.length > 0) await store.write(writes);
  }
}

/** GET /v1/retention/worklist on every adapter: the same customers in the same order, page by page. */
export function worklistCases(given: Given): void {
  describe('retention worklist', () => {
    let suffix: string;
    beforeEach(async () => {
      suffix = aCollection();
      await projectInto(given(), suffix);
    });
    const worklist = (query: WorklistQuery) => findWorklist(given(), query, `${CHURN_RISK}_${suffix}`);
    const ids = async (query: WorklistQuery) => (await worklist(query)).customers.map((entry) => entry.customerId);

    it('lists the customers at risk who have not churned, highest score first, ties by id', async () => {
      expect(await ids({ limit: 10 })).toEqual(['a', 'b', 'c']);
    });

    it('shows score, reasons, since when and the last action with its outcome', async () => {
      const [first, second] = (await worklist({ limit: 2 })).customers;
      expect(first).toEqual({
        customerId: 'a',
        segment: 'individual.affluent.C3',
        score: 75,
        reasons: [{ signal: 'dormancy', value: 75, points: 75 }],
        atRiskSince: at({ days: 10 }),
        assessedAt: at({ days: 15 }),
        lastAction: { actionId: 'act-a', kind: 'offer', recordedAt: at({ days: 16 }), outcome: 'retained', outcomeAt: at({ days: 17 }) },
      });
      expect(second?.lastAction).toEqual({ actionId: 'act-b', kind: 'call', recordedAt: at({ days: 16 }), outcome: null, outcomeAt: null });
    });

    it('pages through the ties once each with the cursor', async () => {
      const first = await worklist({ limit: 2 });
      expect(first.customers.map((entry) => entry.customerId)).toEqual(['a', 'b']);
      const second = await worklist({ limit: 2, cursor: first.next ?? 'missing' });
      expect(second).toMatchObject({ customers: [{ customerId: 'c' }], next: null });
    });

    it('filters by a lowest score and by segment', async () => {
      expect(await ids({ limit: 10, minScore: 56 })).toEqual(['a']);
      expect(await ids({ limit: 10, segment: 'corporate.affluent.C3' })).toEqual(['c']);
    });

    it('counts everyone who has been at risk and those retained after an action', async () => {
      expect(await retainedAfterAction(given(), `${RETENTION_TOTALS}_${suffix}`)).toEqual({ customersAtRisk: 5, retained: 1, percent: 20 });
    });
  });
}
