import { CUSTOMER_ID, at, complaintEscalated, complaintFiled, complaintResolved, customerAcquired } from '@rapport/testing';
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
        stage: 'filed',
        extended: false,
        warned: false,
        breached: false,
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

  it('shows the assignee, the stage, the extension and the warning for the current due date, never the extension reason', async () => {
    const stamp = (days: number) => ({ customerId: CUSTOMER_ID, occurredAt: at({ days }), complaintId: 'cmp-1' });
    const warnedFor = (dueAt: string, days: number) => ({ type: 'ComplaintBreachWarned', data: { ...stamp(days), dueAt } }) as const;
    const extended = {
      type: 'ComplaintExtended',
      data: { ...stamp(13), days: 10, reason: 'sealed:v1:waiting', approver: 'lead', dueAt: at({ days: 25 }) },
    } as const;
    const history = [
      customerAcquired(),
      complaintFiled(),
      { type: 'ComplaintAssigned', data: { ...stamp(1), assignee: 'agent-7' } } as const,
      { type: 'ComplaintStageChanged', data: { ...stamp(2), stage: 'investigating' } } as const,
      warnedFor(at({ days: 15 }), 12),
    ];
    const [warned] = await complaintsOf(...history);
    expect(warned).toMatchObject({ assignee: 'agent-7', stage: 'investigating', warned: true, extended: false });
    const [afterExtension] = await complaintsOf(...history, extended);
    expect(afterExtension).toMatchObject({ extended: true, dueAt: at({ days: 25 }), warned: false });
    expect(JSON.stringify(afterExtension)).not.toContain('waiting');
    const [breached] = await complaintsOf(...history, extended, warnedFor(at({ days: 25 }), 22), {
      type: 'ComplaintBreached',
      data: { ...stamp(26), dueAt: at({ days: 25 }) },
    });
    expect(breached).toMatchObject({ warned: true, breached: true, status: 'open' });
  });
});
