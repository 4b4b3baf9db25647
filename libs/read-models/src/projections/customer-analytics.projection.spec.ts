import {
  CUSTOMER_ID,
  at,
  cny,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerReactivated,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import { applyBatch, project, stored } from '../contract/projection-harness';
import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';
import { readAllCustomerAnalytics } from '../reading/customer-analytics.read';
import {
  CUSTOMER_ANALYTICS,
  CUSTOMER_ANALYTICS_MONTHS,
  customerAnalyticsProjection,
  kpiDayOf,
  type CustomerAnalyticsMonth,
} from './customer-analytics.projection';
import { ZERO_KPI_COUNTS } from './kpis.projection';
import { defaultReadModelConfig } from './read-model.config';

const analyticsOf = async (...events: Parameters<typeof stored>[0]) => {
  const store = EmbeddedReadModelStore.open(':memory:');
  await applyBatch(store, customerAnalyticsProjection(defaultReadModelConfig), stored(events));
  const customers = await readAllCustomerAnalytics(store);
  await store.close();
  return customers;
};

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

  it('keeps in the header the revenue its months hold, by currency, late and foreign-currency transactions included', async () => {
    const usd = (amount: string) => ({ amount, currency: 'USD' });
    const [doc] = await analyticsOf(
      transactionRecorded({ transactionId: 'before-acquisition', revenue: cny('9.00') }),
      customerAcquired({ occurredAt: at({ days: 1 }) }),
      customerActivated({ occurredAt: at({ days: 2 }) }),
      transactionRecorded({ transactionId: 't1', occurredAt: at({ days: 3 }), revenue: cny('4.00') }),
      transactionRecorded({ transactionId: 't2', occurredAt: at({ days: 40 }), revenue: usd('2.50') }),
      transactionRecorded({ transactionId: 'late', occurredAt: at({ days: 2 }), revenue: cny('1.50') }),
      customerChurned({ occurredAt: at({ days: 50 }) }),
      transactionRecorded({ transactionId: 'after-churn', occurredAt: at({ days: 60 }), revenue: cny('0.25') }),
    );
    const fromDays: Record<string, bigint> = {};
    for (const day of doc?.days ?? []) {
      for (const [currency, minor] of Object.entries(day.revenueMinor)) fromDays[currency] = (fromDays[currency] ?? 0n) + BigInt(minor);
    }
    expect(Object.fromEntries(Object.entries(fromDays).map(([currency, minor]) => [currency, String(minor)]))).toEqual(doc?.revenueMinor);
    expect(doc?.revenueMinor).toEqual({ CNY: '575', USD: '250' });
  });
});

describe('customer analytics documents', () => {
  it('keep a customer header and one document per month it was active in, each holding only its own days', async () => {
    const documents = await project(customerAnalyticsProjection(defaultReadModelConfig), [
      customerAcquired({ occurredAt: '2026-01-30T09:00:00.000Z' }),
      customerActivated({ occurredAt: '2026-01-31T09:00:00.000Z' }),
      transactionRecorded({ transactionId: 't1', occurredAt: '2026-02-01T09:00:00.000Z' }),
      transactionRecorded({ transactionId: 't2', occurredAt: '2026-02-14T09:00:00.000Z' }),
    ]);
    expect(documents[CUSTOMER_ANALYTICS]?.map((d) => [d._id, 'days' in d])).toEqual([[CUSTOMER_ID, false]]);
    expect(
      documents[CUSTOMER_ANALYTICS_MONTHS]?.map((d) => [d._id, (d as unknown as CustomerAnalyticsMonth).days.map((day) => day.day)]),
    ).toEqual([
      [`${CUSTOMER_ID}:2026-01`, ['2026-01-30', '2026-01-31']],
      [`${CUSTOMER_ID}:2026-02`, ['2026-02-01', '2026-02-14']],
    ]);
  });

  it('store only the counters of a day that are not zero, and read back whole', async () => {
    const events = [
      customerAcquired({ occurredAt: '2026-01-30T09:00:00.000Z', acquisitionCost: cny('80.00') }),
      transactionRecorded({ transactionId: 't1', occurredAt: '2026-02-01T09:00:00.000Z', revenue: cny('4.00') }),
    ];
    const documents = await project(customerAnalyticsProjection(defaultReadModelConfig), events);
    const days = documents[CUSTOMER_ANALYTICS_MONTHS]?.flatMap((d) => (d as unknown as CustomerAnalyticsMonth).days);
    expect(days).toEqual([
      { day: '2026-01-30', acquired: 1, acquisitionCostMinor: { CNY: '8000' }, acquiredWithCost: { CNY: 1 } },
      { day: '2026-02-01', revenueMinor: { CNY: '400' } },
    ]);
    const [customer] = await analyticsOf(...events);
    expect(customer?.days).toEqual([
      { ...ZERO_KPI_COUNTS, day: '2026-01-30', acquired: 1, acquisitionCostMinor: { CNY: '8000' }, acquiredWithCost: { CNY: 1 } },
      { ...ZERO_KPI_COUNTS, day: '2026-02-01', revenueMinor: { CNY: '400' } },
    ]);
  });

  it('read a day stored whole by an earlier release as it was', () => {
    const whole = { ...ZERO_KPI_COUNTS, day: '2026-02-01', responses: 2, satisfied: 1 };
    expect(kpiDayOf(whole)).toEqual(whole);
  });
});
