import { CUSTOMER_ID, at, complaintEscalated, complaintFiled, complaintResolved, customerAcquired } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { complaintKpis } from '../reading/complaint-kpis.view';
import { COMPLAINT_KPI_DAYS, complaintKpisProjection, type ComplaintKpiDay } from './complaint-kpis.projection';
import type { Stamped } from './projection';

const daysOf = async (...events: Parameters<typeof project>[1]) =>
  ((await project(complaintKpisProjection, events))[COMPLAINT_KPI_DAYS] ?? []) as unknown as Stamped<ComplaintKpiDay>[];

describe('complaint KPI days', () => {
  it('counts filings on their day and resolutions on theirs, against the due date the complaint had then', async () => {
    const days = await daysOf(
      customerAcquired(),
      complaintFiled({ complaintId: 'a', dueAt: at({ days: 15 }) }),
      complaintFiled({ complaintId: 'b', severity: 'high', dueAt: at({ days: 15 }) }),
      complaintResolved({ complaintId: 'a', occurredAt: at({ days: 2 }), resolutionHours: 48 }),
      // b is resolved after its first due date but before the escalated one: in time
      complaintEscalated({ complaintId: 'b', dueAt: at({ days: 30 }) }),
      complaintResolved({ complaintId: 'b', occurredAt: at({ days: 20 }), resolutionHours: 480 }),
    );
    expect(
      days.map(({ _id, filed, resolved, resolvedInTime, resolutionHundredths }) => [
        _id,
        filed,
        resolved,
        resolvedInTime,
        resolutionHundredths,
      ]),
    ).toEqual([
      ['2026-01-05/high/fees', 1, 0, 0, 0],
      ['2026-01-05/medium/fees', 1, 0, 0, 0],
      ['2026-01-07/medium/fees', 0, 1, 1, 4800],
      ['2026-01-25/high/fees', 0, 1, 1, 48000],
    ]);
  });

  it('counts a resolution after the due date as late, and ignores one of a complaint it never saw', async () => {
    const days = await daysOf(
      customerAcquired(),
      complaintResolved({ complaintId: 'ghost' }),
      complaintFiled({ dueAt: at({ days: 15 }) }),
      {
        type: 'ComplaintExtended',
        data: {
          customerId: CUSTOMER_ID,
          occurredAt: at({ days: 1 }),
          complaintId: 'cmp-1',
          days: 3,
          reason: 'r',
          approver: 'a',
          dueAt: at({ days: 18 }),
        },
      },
      complaintResolved({ occurredAt: at({ days: 19 }), resolutionHours: 456 }),
    );
    expect(complaintKpis(days)).toEqual([
      { category: 'fees', severity: 'medium', count: 1, resolved: 1, shareResolvedInTime: 0, averageResolutionHours: 456 },
    ]);
  });
});

describe('complaint KPIs of a period', () => {
  const day = (category: string, severity: 'low' | 'high', counts: Partial<ComplaintKpiDay>): ComplaintKpiDay => ({
    day: '2026-01-05',
    category,
    severity,
    filed: 0,
    resolved: 0,
    resolvedInTime: 0,
    resolutionHundredths: 0,
    ...counts,
  });

  it('sums days per category and severity: share in time of those resolved, average hours to 2 decimals', () => {
    expect(
      complaintKpis([
        day('fees', 'high', { filed: 2, resolved: 1, resolvedInTime: 1, resolutionHundredths: 1000 }),
        day('advice', 'low', { filed: 1 }),
        day('fees', 'high', { resolved: 2, resolvedInTime: 1, resolutionHundredths: 2001 }),
      ]),
    ).toEqual([
      { category: 'advice', severity: 'low', count: 1, resolved: 0, shareResolvedInTime: null, averageResolutionHours: null },
      { category: 'fees', severity: 'high', count: 2, resolved: 3, shareResolvedInTime: 66.67, averageResolutionHours: 10 },
    ]);
  });
});
