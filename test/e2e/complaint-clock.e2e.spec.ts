import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { defaultPolicySet, type ComplaintClockConfig } from '@rapport/customer-domain';
import { ComplaintClockSweep } from '../../apps/rapport/src/sweeps/complaint-clock.sweep';
import { describeWithServer } from '../support/integration-server';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

/*
 * The complaint clock as the regulator counts it, on a working-day calendar in Beijing time
 * (UTC+8): Saturdays and Sundays off, and the Spring Festival holidays of Monday 16 to
 * Wednesday 18 February 2026. Counted by hand, for a complaint filed on Monday 2 February 2026
 * at 10:00 local (02:00 UTC):
 * - due 15 working days later: Tue 3 … Fri 13 (9 days), then Thu 19 (the holidays skipped),
 *   Fri 20, Mon 23, Tue 24, Wed 25, Thursday 26 February → 2026-02-26T02:00:00.000Z;
 * - extended by 5 working days: Fri 27 Feb, Mon 2, Tue 3, Wed 4, Thursday 5 March → 2026-03-05T02:00:00.000Z;
 * - the pre-breach warning 3 working days before that: Wed 4, Tue 3, Monday 2 March → 2026-03-02T02:00:00.000Z;
 * - the breach: any instant after the due date, 2026-03-05T02:00:00.001Z the first.
 */
const calendar: ComplaintClockConfig = {
  calendar: { counting: 'working-days', holidays: ['2026-02-16', '2026-02-17', '2026-02-18'], weekend: [0, 6], utcOffsetMinutes: 480 },
  dueDays: 15,
  escalatedDueDays: 30,
  maxExtensionDays: 30,
  preBreachWarningDays: 3,
};
const FILED = '2026-02-02T02:00:00.000Z';
const DUE = '2026-02-26T02:00:00.000Z';
const EXTENDED_DUE = '2026-03-05T02:00:00.000Z';
const WARNING = '2026-03-02T02:00:00.000Z';
const complaintPath = '/v1/customers/CC-1/complaints/CMP-1';

/** The scenario, with read models on the embedded store or in MongoDB at `mongoUrl`: the sweep finds its candidates in either. */
function complaintClockScenario(mongoUrl?: string): void {
  let dataDir: string;
  let running: RunningApp;
  let sweep: ComplaintClockSweep;
  let position = 0;
  const http = () => request(running.server);
  const command = async (path: string, body: object, status = 201) => {
    const response = await http().post(path).send(body).expect(status);
    position = Math.max(position, Number(response.body.position ?? 0));
    return response;
  };
  const clockEvents = async (complaintId = 'CMP-1') =>
    ((await http().get('/v1/customers/CC-1/history').expect(200)).body.events as { type: string; data: Record<string, unknown> }[])
      .filter((event) => event.type === 'ComplaintBreachWarned' || event.type === 'ComplaintBreached')
      .filter((event) => event.data.complaintId === complaintId)
      .map(({ type, data }) => ({ type, data }));
  /** The read side has applied every command so far: the sweep finds its candidates there. */
  const complaintsCaughtUp = async () => (await http().get(`/v1/complaints?minPosition=${position}`).expect(200)).body.complaints;
  const sweepAt = async (now: string) => {
    await complaintsCaughtUp();
    const report = await sweep.sweep(now);
    const head = Number((await http().get('/v1/projections').expect(200)).body.head);
    position = Math.max(position, head);
    return report;
  };

  beforeAll(async () => {
    dataDir = tempDataDir('complaint-clock');
    running = await startHttpApp(dataDir, {
      clock: { now: () => new Date('2026-03-31T00:00:00.000Z') },
      policy: { ...defaultPolicySet, complaintClock: calendar },
      ...(mongoUrl ? { mongoUrl } : {}),
    });
    sweep = running.app.get(ComplaintClockSweep);
    const acquired = {
      customerId: 'CC-1',
      customerType: 'individual',
      channel: 'branch',
      assets: { amount: '1000.00', currency: 'CNY' },
      riskProfile: 'C2',
      occurredAt: '2026-01-10T02:00:00Z',
    };
    await command('/v1/customers', acquired);
    const filed = await command('/v1/customers/CC-1/complaints', {
      complaintId: 'CMP-1',
      category: 'fees',
      severity: 'high',
      channel: 'call-centre',
      occurredAt: FILED,
    });
    expect(filed.body.events).toEqual(['ComplaintFiled']);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('sets the due date 15 working days after filing, skipping weekends and the holidays', async () => {
    const [complaint] = await complaintsCaughtUp();
    expect(complaint).toMatchObject({ complaintId: 'CMP-1', dueAt: DUE, stage: 'filed', extended: false, warned: false, breached: false });
  });

  it('assigns the complaint and moves it through its stages, refusing a skipped or repeated stage with 409', async () => {
    await command(`${complaintPath}/assignee`, { assignee: 'agent-7', occurredAt: '2026-02-03T01:00:00Z' });
    const skipped = await command(`${complaintPath}/stage`, { stage: 'responded' }, 409);
    expect(skipped.body).toMatchObject({ status: 409, rule: 'complaint-stage-transition-invalid' });
    expect(skipped.body.type).toContain('complaint-stage-transition-invalid');
    await command(`${complaintPath}/stage`, { stage: 'investigating', occurredAt: '2026-02-03T02:00:00Z' });
    const repeated = await command(`${complaintPath}/stage`, { stage: 'investigating' }, 409);
    expect(repeated.body.rule).toBe('complaint-stage-transition-invalid');
    const unknown = await command(`${complaintPath}/stage`, { stage: 'resolved' }, 400);
    expect(unknown.body.errors).toEqual([{ field: 'stage', message: expect.any(String) }]);
  });

  it('extends once, by the days counted on the calendar, and refuses a second extension with 409', async () => {
    const tooLong = await command(`${complaintPath}/extension`, { days: 31, reason: 'waiting', approver: 'head-of-complaints' }, 400);
    expect(tooLong.body.errors).toEqual([{ field: 'days', message: expect.any(String) }]);
    const missing = await command(`${complaintPath}/extension`, { days: 5 }, 400);
    expect(missing.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['approver', 'reason']);
    const extension = { days: 5, reason: 'waiting for the insurer', approver: 'head-of-complaints', occurredAt: '2026-02-10T02:00:00Z' };
    const extended = await command(`${complaintPath}/extension`, extension);
    expect(extended.body.events).toEqual(['ComplaintExtended']);
    const again = await command(`${complaintPath}/extension`, { ...extension, days: 1 }, 409);
    expect(again.body).toMatchObject({ status: 409, rule: 'complaint-already-extended' });
    const [complaint] = await complaintsCaughtUp();
    expect(complaint).toMatchObject({ dueAt: EXTENDED_DUE, extended: true, assignee: 'agent-7', stage: 'investigating' });
  });

  it('warns once, at 3 working days before the extended due date, however often and late the sweep runs', async () => {
    await sweepAt('2026-03-02T01:59:59.999Z');
    expect(await clockEvents()).toEqual([]);
    await sweepAt(WARNING);
    await sweepAt(WARNING);
    await sweepAt('2026-03-04T09:00:00.000Z');
    expect(await clockEvents()).toEqual([
      { type: 'ComplaintBreachWarned', data: { customerId: 'CC-1', occurredAt: WARNING, complaintId: 'CMP-1', dueAt: EXTENDED_DUE } },
    ]);
  });

  it('breaches once, only after the due instant, however often and late the sweep runs', async () => {
    await sweepAt(EXTENDED_DUE);
    expect((await clockEvents()).map((event) => event.type)).toEqual(['ComplaintBreachWarned']);
    const firstBreach = '2026-03-05T02:00:00.001Z';
    await sweepAt(firstBreach);
    await sweepAt(firstBreach);
    await sweepAt('2026-03-20T00:00:00.000Z');
    expect(await clockEvents()).toEqual([
      { type: 'ComplaintBreachWarned', data: { customerId: 'CC-1', occurredAt: WARNING, complaintId: 'CMP-1', dueAt: EXTENDED_DUE } },
      { type: 'ComplaintBreached', data: { customerId: 'CC-1', occurredAt: firstBreach, complaintId: 'CMP-1', dueAt: EXTENDED_DUE } },
    ]);
    const [complaint] = await complaintsCaughtUp();
    expect(complaint).toMatchObject({ status: 'open', warned: true, breached: true, isOverdue: true });
  });

  it('warns and breaches a complaint the sweep reaches late in one run, then refuses its extension with 409', async () => {
    await command('/v1/customers/CC-1/complaints', {
      complaintId: 'CMP-2',
      category: 'advice',
      severity: 'low',
      channel: 'branch',
      occurredAt: FILED,
    });
    const report = await sweepAt('2026-03-25T00:00:00.000Z');
    expect(report).toEqual({ commands: 2, appended: 2 });
    expect((await clockEvents('CMP-2')).map(({ type, data }) => [type, data.dueAt])).toEqual([
      ['ComplaintBreachWarned', DUE],
      ['ComplaintBreached', DUE],
    ]);
    const late = await command('/v1/customers/CC-1/complaints/CMP-2/extension', { days: 5, reason: 'late', approver: 'lead' }, 409);
    expect(late.body).toMatchObject({ status: 409, rule: 'complaint-breached' });
  });

  it('reports complaint analytics by category and severity in /v1/kpis, counted by hand', async () => {
    // CMP-1 (fees, high) resolved on 6 March 02:00 UTC: 32 days = 768 hours after filing, after its due date of 5 March.
    // CMP-3 (fees, high) filed with it and resolved a day later: 24 hours, in time. CMP-2 (advice, low) is still open.
    await command(`${complaintPath}/resolution`, { resolution: 'fee refunded', occurredAt: '2026-03-06T02:00:00Z' });
    await command('/v1/customers/CC-1/complaints', {
      complaintId: 'CMP-3',
      category: 'fees',
      severity: 'high',
      channel: 'web',
      occurredAt: FILED,
    });
    await command('/v1/customers/CC-1/complaints/CMP-3/resolution', { resolution: 'explained', occurredAt: '2026-02-03T02:00:00Z' });
    const kpis = await http().get(`/v1/kpis?from=2026-02-01&to=2026-03-31&minPosition=${position}`).expect(200);
    expect(kpis.body.complaintsBy).toEqual([
      { category: 'advice', severity: 'low', count: 1, resolved: 0, shareResolvedInTime: null, averageResolutionHours: null },
      { category: 'fees', severity: 'high', count: 2, resolved: 2, shareResolvedInTime: 50, averageResolutionHours: 396 },
    ]);
  });
}

describe('the complaint clock: working days, a holiday calendar, an extension, a warning and a breach [embedded read models]', () =>
  complaintClockScenario());

describeWithServer('MONGO_URL', 'FerretDB', 'the complaint clock with read models in MongoDB', (url) =>
  complaintClockScenario(`${url.replace(/\/?$/, '/')}rapport_clock_${randomBytes(4).toString('hex')}`),
);
