import {
  at,
  cny,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerReactivated,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { CUSTOMER_ANALYTICS, customerAnalyticsProjection, type CustomerAnalytics } from './customer-analytics.projection';
import { defaultReadModelConfig } from './read-model.config';

const analyticsOf = async (...events: Parameters<typeof project>[1]) =>
  ((await project(customerAnalyticsProjection(defaultReadModelConfig), events))[CUSTOMER_ANALYTICS] ??
    []) as unknown as CustomerAnalytics[];

describe('customer analytics projection', () => {
  it('keeps status changes and days in business-time order when a back-dated event arrives late', async () => {
    const [doc] = await analyticsOf(
      customerAcquired({ acquisitionCost: cny('80.00') }),
      customerActivated({ occurredAt: at({ days: 1 }) }),
      customerChurned({ occurredAt: at({ days: 30 }) }),
      customerReactivated({ occurredAt: at({ days: 40 }) }),
      transactionRecorded({ transactionId: 'late', occurredAt: at({ days: 10 }), productCategory: 'loans', revenue: cny('4.00') }),
    );
    expect(doc?.statusChanges).toEqual([
      { at: at({ days: 1 }), status: 'active' },
      { at: at({ days: 30 }), status: 'churned' },
      { at: at({ days: 40 }), status: 'active' },
    ]);
    expect(doc?.days.map((d) => d.day)).toEqual([0, 1, 10, 30, 40].map((days) => at({ days }).slice(0, 10)));
    expect(doc?.products).toEqual([
      { day: at({ days: 10 }).slice(0, 10), category: 'loans', transactions: 1, revenueMinor: { CNY: '400' } },
    ]);
    expect(doc?.acquisitionCost).toEqual(cny('80.00'));
  });

  it('records no status change for a prospect that leaves, and counts survey answers and the last transaction', async () => {
    const [doc] = await analyticsOf(
      customerAcquired(),
      satisfactionRecorded({ surveyId: 's1', csat: 2 }),
      satisfactionRecorded({ surveyId: 's2', csat: 5 }),
      customerChurned({ occurredAt: at({ days: 2 }) }),
    );
    expect(doc?.statusChanges).toEqual([]);
    expect(doc?.csat).toEqual({ responses: 2, sum: 7 });
    expect(doc?.lastTransactionAt).toBeNull();
  });
});
