import request from 'supertest';
import { ChurnRiskSweep } from '../../apps/rapport/src/sweeps/churn-risk.sweep';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';
import { readSideCaughtUp, type ProjectionsView } from '../support/read-side-caught-up';
import { storedBytes } from '../support/stored-bytes';

/**
 * The retention loop by hand (issue #12). Default weights (churn-risk.policy.ts): dormancy earns
 * nothing before 60 days and rises in a straight line to 50 points at 180; falling satisfaction 30;
 * 5 per open complaint; 20 per overdue one; an asset drop of 30 % or more 25; 10 per NPS detractor
 * answer (0–6) in the last 180 days. At risk from 50. Every score below is worked out here from
 * those numbers, and the sweep runs at NOW.
 */
const NOW = '2026-07-01T00:00:00.000Z';
const clock = { now: () => new Date(NOW) };
const iso = (text: string) => new Date(text).toISOString();

const acquisition = (customerId: string, occurredAt: string, extra: object = {}) => ({
  customerId,
  customerType: 'individual',
  channel: 'branch',
  assets: { amount: '120000.00', currency: 'CNY' },
  riskProfile: 'C3',
  occurredAt,
  ...extra,
});
const transaction = (transactionId: string, occurredAt: string) => ({
  transactionId,
  amount: { amount: '1000.00', currency: 'CNY' },
  productCategory: 'deposit',
  occurredAt,
});
const survey = (surveyId: string, csat: number, nps: number, occurredAt: string) => ({
  surveyId,
  csat,
  nps,
  touchpoint: 'service',
  channel: 'app',
  occurredAt,
});

describe('the retention worklist, hand-computed', () => {
  let dataDir: string;
  let running: RunningApp;
  const http = () => request(running.server);
  const caughtUp = () => readSideCaughtUp(async () => (await http().get('/v1/projections').expect(200)).body as ProjectionsView);
  /** One command at a time, each saga's assessment appended before the next: the history is the same on every run. */
  const post = async (path: string, body: object) => {
    const response = await http().post(path).send(body).expect(201);
    await caughtUp();
    return response;
  };

  beforeAll(async () => {
    dataDir = tempDataDir('retention-worklist');
    running = await startHttpApp(dataDir, { clock });

    // last transaction 2025-12-01, 212 days before NOW (31+31+28+31+30+31+30): full dormancy, 50.
    // A detractor answer (nps 4) on 2026-01-15, inside the 180 days back to 2026-01-02: 10. Score 60.
    await post('/v1/customers', acquisition('R-1', '2025-11-01T00:00:00Z'));
    await post('/v1/customers/R-1/activation', { product: 'savings', occurredAt: '2025-11-01T00:00:00Z' });
    await post('/v1/customers/R-1/transactions', transaction('R-1-t', '2025-12-01T00:00:00Z'));
    await post('/v1/customers/R-1/surveys', survey('R-1-s', 3, 4, '2026-01-15T00:00:00Z'));

    // R-2 (corporate): CSAT 5, 4, 2 falls: 30. A complaint filed 06-01 is due 06-16 and still open: 20 + 5.
    // Transaction on 06-20: 11 days, no dormancy. Score 55, reached at the transaction (the first assessment past the due date).
    await post('/v1/customers', acquisition('R-2', '2026-05-01T00:00:00Z', { customerType: 'corporate' }));
    await post('/v1/customers/R-2/activation', { product: 'savings', occurredAt: '2026-05-01T00:00:00Z' });
    await post('/v1/customers/R-2/complaints', {
      complaintId: 'R-2-c',
      category: 'fees',
      severity: 'medium',
      channel: 'app',
      occurredAt: '2026-06-01T00:00:00Z',
    });
    await post('/v1/customers/R-2/surveys', survey('R-2-s1', 5, 8, '2026-06-01T00:00:00Z'));
    await post('/v1/customers/R-2/surveys', survey('R-2-s2', 4, 8, '2026-06-05T00:00:00Z'));
    await post('/v1/customers/R-2/surveys', survey('R-2-s3', 2, 8, '2026-06-10T00:00:00Z'));
    await post('/v1/customers/R-2/transactions', transaction('R-2-t', '2026-06-20T00:00:00Z'));

    // last transaction 2026-02-01, 150 days before NOW (28+31+30+31+30): (150 − 60) / 120 × 50 = 37.5, rounded 38.
    // Assets 100,000 → 50,000 on 03-01: a 50 % drop, 25. Score 63.
    await post('/v1/customers', acquisition('R-3', '2026-01-10T00:00:00Z', { assets: { amount: '100000.00', currency: 'CNY' } }));
    await post('/v1/customers/R-3/activation', { product: 'savings', occurredAt: '2026-01-10T00:00:00Z' });
    await post('/v1/customers/R-3/transactions', transaction('R-3-t', '2026-02-01T00:00:00Z'));
    await http()
      .patch('/v1/customers/R-3/profile')
      .send({ assets: { amount: '50000.00', currency: 'CNY' }, occurredAt: '2026-03-01T00:00:00Z' })
      .expect(200);
    await caughtUp();

    // one open complaint, due 07-10: 5. Not at risk.
    await post('/v1/customers', acquisition('R-4', '2026-06-01T00:00:00Z'));
    await post('/v1/customers/R-4/activation', { product: 'savings', occurredAt: '2026-06-01T00:00:00Z' });
    await post('/v1/customers/R-4/complaints', {
      complaintId: 'R-4-c',
      category: 'fees',
      severity: 'low',
      channel: 'app',
      occurredAt: '2026-06-25T00:00:00Z',
    });

    await running.app.get(ChurnRiskSweep).sweep(NOW);
    await caughtUp();
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  const worklist = async (query = '') => (await http().get(`/v1/retention/worklist${query}`).expect(200)).body;

  it('lists the customers at risk highest first, with the hand-computed scores, reasons and since when', async () => {
    expect((await worklist()).customers).toEqual([
      {
        customerId: 'R-3',
        segment: 'individual.affluent.C3',
        score: 63,
        reasons: [
          { signal: 'dormancy', value: 150, points: 38 },
          { signal: 'asset-drop', value: 50, points: 25 },
        ],
        atRiskSince: NOW,
        assessedAt: NOW,
        lastAction: null,
      },
      {
        customerId: 'R-1',
        segment: 'individual.affluent.C3',
        score: 60,
        reasons: [
          { signal: 'dormancy', value: 212, points: 50 },
          { signal: 'nps-detractor', value: 1, points: 10 },
        ],
        atRiskSince: NOW,
        assessedAt: NOW,
        lastAction: null,
      },
      {
        customerId: 'R-2',
        segment: 'corporate.affluent.C3',
        score: 55,
        reasons: [
          { signal: 'falling-satisfaction', value: 1, points: 30 },
          { signal: 'overdue-complaints', value: 1, points: 20 },
          { signal: 'open-complaints', value: 1, points: 5 },
        ],
        atRiskSince: iso('2026-06-20T00:00:00Z'),
        assessedAt: iso('2026-06-20T00:00:00Z'),
        lastAction: null,
      },
    ]);
  });

  it('a second sweep at the same instant appends nothing', async () => {
    const report = await running.app.get(ChurnRiskSweep).sweep(NOW);
    expect(report).toMatchObject({ appended: 0 });
  });

  it('filters by lowest score and segment, and pages with a stable cursor', async () => {
    expect((await worklist('?minScore=60')).customers.map((c: { customerId: string }) => c.customerId)).toEqual(['R-3', 'R-1']);
    expect((await worklist('?segment=corporate.affluent.C3')).customers.map((c: { customerId: string }) => c.customerId)).toEqual(['R-2']);
    const first = await worklist('?limit=2');
    expect(first.customers.map((c: { customerId: string }) => c.customerId)).toEqual(['R-3', 'R-1']);
    const second = await worklist(`?limit=2&cursor=${first.next}`);
    expect(second).toMatchObject({ customers: [{ customerId: 'R-2' }], next: null });
  });

  it.each([
    ['?minScore=101', 'minScore'],
    ['?minScore=high', 'minScore'],
    ['?segment=individual.affluent', 'segment'],
    ['?limit=0', 'limit'],
    ['?cursor=not%20a%20cursor', 'cursor'],
    ['?colour=red', 'colour'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await http().get(`/v1/retention/worklist${query}`).expect(400);
    expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it('records interventions and their outcomes once; the worklist shows the last one; the KPI counts the retained', async () => {
    const call = await post('/v1/customers/R-1/retention-actions', { kind: 'call', note: 'offered a fee waiver', occurredAt: NOW });
    expect(call.body).toMatchObject({ customerId: 'R-1', events: ['RetentionActionRecorded'], actionId: expect.any(String) });
    const actionId = call.body.actionId as string;
    await post(`/v1/customers/R-1/retention-actions/${actionId}/outcome`, { outcome: 'retained', occurredAt: NOW });
    const again = await http().post(`/v1/customers/R-1/retention-actions/${actionId}/outcome`).send({ outcome: 'declined' }).expect(409);
    expect(again.body).toMatchObject({ rule: 'retention-action-outcome-already-recorded' });
    const unknown = await http()
      .post('/v1/customers/R-1/retention-actions/no-such-action/outcome')
      .send({ outcome: 'retained' })
      .expect(404);
    expect(unknown.body).toMatchObject({ rule: 'retention-action-not-found' });
    await http().post('/v1/customers/R-1/retention-actions').send({ kind: 'lunch' }).expect(400);
    const offer = await post('/v1/customers/R-2/retention-actions', { kind: 'offer', occurredAt: NOW });
    await post(`/v1/customers/R-2/retention-actions/${offer.body.actionId as string}/outcome`, { outcome: 'declined', occurredAt: NOW });

    const byId = Object.fromEntries(
      (await worklist()).customers.map((c: { customerId: string; lastAction: unknown }) => [c.customerId, c.lastAction]),
    );
    expect(byId).toEqual({
      'R-3': null,
      'R-1': { actionId, kind: 'call', recordedAt: NOW, outcome: 'retained', outcomeAt: NOW },
      'R-2': { actionId: offer.body.actionId, kind: 'offer', recordedAt: NOW, outcome: 'declined', outcomeAt: NOW },
    });
    // have been at risk; one of them was retained after an action: 1 / 3 = 33.33 %.
    expect((await http().get('/v1/kpis').expect(200)).body.retainedAfterAction).toEqual({
      customersAtRisk: 3,
      retained: 1,
      percent: 33.33,
    });
  });

  it('stores the note sealed, like other free text, and opens it for the audit view', async () => {
    expect(storedBytes(dataDir, 'sqlite').includes('offered a fee waiver')).toBe(false);
    const history = (await http().get('/v1/customers/R-1/history').expect(200)).body.events as { type: string; data: { note?: unknown } }[];
    const recorded = history.find((event) => event.type === 'RetentionActionRecorded');
    expect(recorded?.data.note).toBe('offered a fee waiver');
  });
});
