import {
  at,
  cny,
  complaintFiled,
  complaintResolved,
  customerAcquired,
  customerActivated,
  customerChurned,
  customerReactivated,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { KPI_DAYS, kpisProjection } from './kpis.projection';
import { defaultReadModelConfig } from './read-model.config';

const daysOf = async (...events: Parameters<typeof project>[1]) =>
  (await project(kpisProjection(defaultReadModelConfig), events))[KPI_DAYS] ?? [];
const other = (customerId: string) => ({ customerId });

describe('KPI days projection', () => {
  it('counts acquisitions, activations and churn per UTC day, and how the active base moved', async () => {
    const [day] = await daysOf(
      customerAcquired(),
      customerAcquired(other('b')),
      customerAcquired(other('c')),
      customerActivated(),
      customerActivated(other('b')),
      customerChurned(other('b')),
      customerChurned(other('c')),
    );
    // b was active when it left (churned from the base); c was still a prospect
    expect(day).toMatchObject({ _id: '2026-01-05', acquired: 3, activated: 2, churned: 2, churnedActive: 1, activeDelta: 1 });
  });

  it('a reactivation returns a customer to the base only if it had been active', async () => {
    const days = await daysOf(
      customerAcquired(),
      customerActivated(),
      customerChurned({ occurredAt: at({ days: 1 }) }),
      customerReactivated({ occurredAt: at({ days: 2 }) }),
      customerAcquired(other('p')),
      customerChurned({ ...other('p'), occurredAt: at({ days: 1 }) }),
      customerReactivated({ ...other('p'), occurredAt: at({ days: 2 }) }),
    );
    expect(days.map((d) => [d._id, d.activeDelta, d.reactivated])).toEqual([
      ['2026-01-05', 1, 0],
      ['2026-01-06', -1, 0],
      ['2026-01-07', 1, 1],
    ]);
  });

  it('sums revenue and acquisition cost per currency in minor units, and complaint and survey counts', async () => {
    const [day] = await daysOf(
      customerAcquired({ acquisitionCost: cny('800.00') }),
      customerActivated(),
      transactionRecorded({ transactionId: 't1', revenue: cny('5.25') }),
      transactionRecorded({ transactionId: 't2', revenue: { amount: '2.00', currency: 'USD' } }),
      complaintFiled(),
      complaintResolved({ occurredAt: at({ hours: 5 }), resolutionHours: 4.75 }),
      satisfactionRecorded({ csat: 5, nps: 3 }),
    );
    expect(day).toMatchObject({
      revenueMinor: { CNY: '525', USD: '200' },
      acquisitionCostMinor: { CNY: '80000' },
      complaintsFiled: 1,
      complaintsResolved: 1,
      resolutionHundredths: 475,
      responses: 1,
      satisfied: 1,
      npsResponses: 1,
      detractors: 1,
    });
  });
});
