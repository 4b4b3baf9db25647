import { at, complaintEscalated, complaintFiled, complaintResolved, customerAcquired } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { COMPLAINTS, complaintsProjection } from './complaints.projection';

const complaintsOf = async (...events: Parameters<typeof project>[1]) => (await project(complaintsProjection, events))[COMPLAINTS] ?? [];

describe('complaints projection', () => {
  it('files an open complaint with its due date, and leaves the escalation reason out', async () => {
    const [filed, escalated] = [
      await complaintsOf(customerAcquired(), complaintFiled()),
      await complaintsOf(customerAcquired(), complaintFiled(), complaintEscalated()),
    ];
    expect(filed).toEqual([
      {
        _id: 'cust-0001/cmp-1',
        position: 20,
        customerId: 'cust-0001',
        complaintId: 'cmp-1',
        category: 'fees',
        severity: 'medium',
        channel: 'call-centre',
        status: 'open',
        filedAt: '2026-01-05T09:00:00.000Z',
        dueAt: '2026-01-20T09:00:00.000Z',
        escalated: false,
      },
    ]);
    expect(escalated[0]).toMatchObject({ escalated: true, dueAt: '2026-02-04T09:00:00.000Z', status: 'open' });
    expect(JSON.stringify(escalated)).not.toContain('no answer within a week');
  });

  it('resolves with the time and the hours, and leaves the resolution text out', async () => {
    const [resolved] = await complaintsOf(customerAcquired(), complaintFiled(), complaintResolved());
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: at({ days: 2 }), resolutionHours: 48 });
    expect(JSON.stringify(resolved)).not.toContain('fee refunded');
  });

  it('ignores a resolution of a complaint it never saw and a second resolution', async () => {
    const docs = await complaintsOf(
      customerAcquired(),
      complaintResolved({ complaintId: 'ghost' }),
      complaintFiled(),
      complaintResolved(),
      complaintResolved({ occurredAt: at({ days: 9 }), resolutionHours: 216 }),
    );
    expect(docs.map((d) => [d._id, d.resolutionHours])).toEqual([['cust-0001/cmp-1', 48]]);
  });
});
