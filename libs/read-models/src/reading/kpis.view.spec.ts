import { at, cny, customerAcquired, customerActivated, customerChurned, customerReactivated } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { KPI_DAYS, kpisProjection, type KpiDay } from '../projections/kpis.projection';
import { defaultReadModelConfig } from '../projections/read-model.config';
import { kpiReport } from './kpis.view';

const FIRST_DAY_OF_PERIOD = '2026-01-06';
const customer = (customerId: string, days = 0) => ({ customerId, occurredAt: at({ days }) });

async function reportOf(...events: Parameters<typeof project>[1]) {
  const days = ((await project(kpisProjection(defaultReadModelConfig), events))[KPI_DAYS] ?? []) as unknown as KpiDay[];
  return kpiReport(
    days.filter((d) => d.day < FIRST_DAY_OF_PERIOD),
    days.filter((d) => d.day >= FIRST_DAY_OF_PERIOD),
  );
}

describe('KPI report', () => {
  it('churn counts over the customers active at the start or made active in the period, so it never exceeds 100 %', async () => {
    const report = await reportOf(
      customerAcquired(customer('base')),
      customerActivated(customer('base')),
      // b and c are activated and leave inside the period; base leaves, comes back and leaves again
      ...['b', 'c'].flatMap((id) => [
        customerAcquired(customer(id, 1)),
        customerActivated(customer(id, 1)),
        customerChurned(customer(id, 2)),
      ]),
      customerChurned(customer('base', 1)),
      customerReactivated(customer('base', 2)),
      customerChurned(customer('base', 3)),
    );
    // churned while active: b, c, base twice = 4; exposed: base at the start + b, c activated + base reactivated = 4
    expect(report).toMatchObject({ activeAtStart: 1, churned: 4, churnBase: 4, churnRate: 100, retentionRate: 0 });
  });

  it('a quarter of the exposed customers churning is 25 %', async () => {
    const report = await reportOf(
      ...['a', 'b', 'c'].flatMap((id) => [customerAcquired(customer(id)), customerActivated(customer(id))]),
      customerAcquired(customer('d', 1)),
      customerActivated(customer('d', 1)),
      customerChurned(customer('d', 2)),
    );
    expect(report).toMatchObject({ activeAtStart: 3, churnBase: 4, churnRate: 25 });
  });

  it('CAC averages over the customers acquired with a known cost and reports how many had none', async () => {
    const report = await reportOf(
      customerAcquired({ ...customer('paid-a', 1), acquisitionCost: cny('300.00') }),
      customerAcquired({ ...customer('paid-b', 1), acquisitionCost: cny('100.00') }),
      customerAcquired({ ...customer('free', 1), acquisitionCost: cny('0.00') }),
      customerAcquired({ ...customer('unknown-1', 1), acquisitionCost: undefined }),
      customerAcquired({ ...customer('unknown-2', 1), acquisitionCost: undefined }),
    );
    expect(report).toMatchObject({
      acquired: 5,
      acquiredWithoutCost: 2,
      cac: [{ currency: 'CNY', value: { amount: '133.33', currency: 'CNY' }, customers: 3 }],
    });
  });
});
