import request from 'supertest';
import { ManualClock } from '@rapport/kernel';
import { randomBytes } from 'node:crypto';
import { describeWithServer } from '../support/integration-server';
import { readSideCaughtUp, type ProjectionsView } from '../support/read-side-caught-up';
import {
  eventStoreChoice,
  removeDir,
  startHttpApp,
  tempDataDir,
  type EventStoreChoice,
  type RunningApp,
} from '../support/http-app.harness';

/** Five customers, Jan–Apr 2026, all in CNY; each command says when it happened. */
const money = (amount: string) => ({ amount, currency: 'CNY' });

type Step = readonly [path: string, body: Record<string, unknown>];

const acquire = (
  customerId: string,
  customerType: string,
  assets: string,
  riskProfile: string,
  occurredAt: string,
  acquisitionCost?: string,
): Step => [
  '/v1/customers',
  {
    customerId,
    customerType,
    channel: 'branch',
    assets: money(assets),
    riskProfile,
    occurredAt,
    ...(acquisitionCost ? { acquisitionCost: money(acquisitionCost) } : {}),
  },
];
const activate = (id: string, occurredAt: string): Step => [`/v1/customers/${id}/activation`, { product: 'current-account', occurredAt }];
const transact = (id: string, transactionId: string, amount: string, occurredAt: string, revenue?: string): Step => [
  `/v1/customers/${id}/transactions`,
  { transactionId, amount: money(amount), productCategory: 'cards', occurredAt, ...(revenue ? { revenue: money(revenue) } : {}) },
];
const survey = (id: string, surveyId: string, csat: number, nps: number | undefined, channel: string, occurredAt: string): Step => [
  `/v1/customers/${id}/surveys`,
  { surveyId, csat, ...(nps === undefined ? {} : { nps }), touchpoint: 'service', channel, occurredAt },
];
const complain = (id: string, complaintId: string, occurredAt: string): Step => [
  `/v1/customers/${id}/complaints`,
  { complaintId, category: 'fees', severity: 'high', channel: 'branch', occurredAt },
];
const resolve = (id: string, complaintId: string, occurredAt: string): Step => [
  `/v1/customers/${id}/complaints/${complaintId}/resolution`,
  { resolution: 'refunded', occurredAt },
];

/** In business-time order, as the channels would send them. */
const SCENARIO: readonly Step[] = [
  acquire('RM-A', 'individual', '120000.00', 'C3', '2026-01-05T09:00:00Z', '800.00'),
  acquire('RM-D', 'institutional', '600000.00', 'C2', '2026-01-05T09:30:00Z'),
  acquire('RM-E', 'individual', '100000.00', 'C3', '2026-01-05T09:45:00Z'),
  activate('RM-A', '2026-01-05T10:00:00Z'),
  activate('RM-D', '2026-01-05T10:30:00Z'),
  activate('RM-E', '2026-01-05T10:45:00Z'),
  acquire('RM-B', 'corporate', '7000000.00', 'C5', '2026-01-06T09:00:00Z', '1500.00'),
  activate('RM-B', '2026-01-07T09:00:00Z'),
  transact('RM-B', 'B-T1', '300000.00', '2026-01-08T09:00:00Z', '1200.00'),
  transact('RM-A', 'A-T1', '80000.00', '2026-01-10T09:00:00Z', '100.00'),
  complain('RM-D', 'D-C1', '2026-01-20T09:00:00Z'),
  resolve('RM-D', 'D-C1', '2026-01-22T21:00:00Z'),
  acquire('RM-C', 'individual', '10000.00', 'C1', '2026-02-01T08:00:00Z', '50.00'),
  transact('RM-A', 'A-T2', '1000.00', '2026-02-01T09:00:00Z', '10.00'),
  survey('RM-A', 'A-S1', 5, 10, 'mobile', '2026-02-02T09:00:00Z'),
  survey('RM-B', 'B-S1', 3, 6, 'branch', '2026-02-10T09:00:00Z'),
  complain('RM-B', 'B-C1', '2026-02-15T09:00:00Z'),
  ['/v1/customers/RM-A/redemptions', { redemptionId: 'A-R1', points: 300, reward: 'voucher', occurredAt: '2026-03-01T09:00:00Z' }],
  transact('RM-E', 'E-T1', '1000.00', '2026-03-01T10:00:00Z'),
  survey('RM-A', 'A-S2', 4, 8, 'mobile', '2026-03-02T09:00:00Z'),
  ['/v1/customers/RM-B/churn', { reason: 'moved abroad', occurredAt: '2026-03-15T09:00:00Z' }],
  survey('RM-A', 'A-S3', 2, 3, 'mobile', '2026-03-20T09:00:00Z'),
  transact('RM-D', 'D-T1', '2000.00', '2026-04-01T09:00:00Z', '20.00'),
  complain('RM-C', 'C-C1', '2026-04-01T08:00:00Z'),
  survey('RM-C', 'C-S1', 5, undefined, 'branch', '2026-04-02T09:00:00Z'),
  survey('RM-D', 'D-S1', 4, 9, 'branch', '2026-04-03T09:00:00Z'),
  transact('RM-A', 'A-T3', '500.00', '2026-04-10T09:00:00Z'),
  transact('RM-E', 'E-T2', '1000.00', '2026-04-12T09:00:00Z'),
];

/** "Now" for every query of the scenario. */
const NOW = '2026-04-15T12:00:00.000Z';

/**
 * The scenario above through the HTTP API. Every expected figure below is worked out by hand in the comments, from the domain rules of
 * design.md §2, not by the code under test. "Now" is 2026-04-15T12:00Z.
 */
function scenarioSuite(store: string, mongoUrl?: string, eventStore: EventStoreChoice = 'sqlite'): void {
  describe(`read models over HTTP (${store}): a hand-computed scenario`, () => {
    let dataDir: string;
    let running: RunningApp;
    let position = 0;
    const get = (path: string) => request(running.server).get(path).query({ minPosition: position });

    beforeAll(async () => {
      dataDir = tempDataDir('read-models');
      running = await startHttpApp(dataDir, { clock: new ManualClock(new Date(NOW)), eventStore, ...(mongoUrl ? { mongoUrl } : {}) });
      for (const [path, body] of SCENARIO) {
        const response = await request(running.server).post(path).send(body).expect(201);
        position = Math.max(position, response.body.position as number);
      }
      position = Math.max(position, await retentionAlertPosition());
      // The sagas' commands (the alert, the churn-risk scores) are all appended once the read side is at the head.
      position = Math.max(
        position,
        await readSideCaughtUp(async () => (await request(running.server).get('/v1/projections')).body as ProjectionsView),
      );
    });
    afterAll(async () => {
      await running.close();
      removeDir(dataDir);
    });

    /** The saga raises A's alert after its third, strictly lower answer; wait for the event itself. */
    async function retentionAlertPosition(): Promise<number> {
      for (let attempt = 0; attempt < 100; attempt++) {
        const history = await request(running.server).get('/v1/customers/RM-A/history').expect(200);
        const alert = (history.body.events as { type: string; position: number }[]).find((e) => e.type === 'RetentionAlertRaised');
        if (alert) return alert.position;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('no retention alert for RM-A');
    }

    it('the customer 360 of A', async () => {
      const response = await get('/v1/customers/RM-A').expect(200);
      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(position);
      expect(response.body).toMatchObject({
        customerId: 'RM-A',
        status: 'active',
        // activated 2026-01-05 (100 days ago: not new), last transaction 04-10 (not dormant), under 12 months: active
        lifecycleStage: 'active',
        // 120,000 CNY: affluent; transactions in the 90 days from 01-16: A-T2 (02-01), A-T3 (04-10) = 2: low
        segment: { key: 'individual.affluent.C3.low.active' },
        // points: 200 (activation) + 800 (80,000 at Bronze) + 12 (1,000 at Silver ×1.2) + 6 (500 at Silver) = 1018; balance 1018 − 300 = 718
        loyalty: { balance: 718, tier: 'Silver' },
        // answers 5, 4, 2: 2 satisfied of 3 = 66.67 %
        satisfaction: { last: 2, responses: 3, csat: 66.67 },
        openComplaints: 0,
        // 5 > 4 > 2 falls strictly: the saga raised one alert
        retentionAlerts: 1,
        // acquired, activated, 3 transactions, the tier change to Silver beside the one that reached it, 3 answers,
        // a redemption, the alert, and the churn-risk score after the third answer (falling CSAT 30 + one
        // detractor, NPS 3, 10 = 40): 12 events, revisions 0–11
        revision: 11,
      });
    });

    it('the churned corporate B keeps its open complaint; an unknown customer is 404', async () => {
      expect((await get('/v1/customers/RM-B').expect(200)).body).toMatchObject({
        status: 'churned',
        lifecycleStage: 'churned',
        openComplaints: 1,
        loyalty: { balance: 3200, tier: 'Silver' },
      });
      expect((await get('/v1/customers/RM-nobody').expect(404)).body).toMatchObject({ status: 404 });
    });

    it('loyalty accounts and the leaderboard', async () => {
      expect((await get('/v1/loyalty/RM-A').expect(200)).body).toEqual({
        customerId: 'RM-A',
        balance: 718,
        lifetimeEarned: 1018,
        redeemed: 300,
        tier: 'Silver',
      });
      const board = (await get('/v1/loyalty/leaderboard?limit=5').expect(200)).body as {
        customerId: string;
        lifetimeEarned: number;
        tier: string;
      }[];
      // B: 200 + 3,000 (300,000 at Bronze) = 3200 Silver; A 1018 Silver; D: 200 + 20 = 220; E: 200 + 10 + 10 = 220 (tie: by id); C, a prospect: 0
      expect(board.map((e) => [e.customerId, e.lifetimeEarned, e.tier])).toEqual([
        ['RM-B', 3200, 'Silver'],
        ['RM-A', 1018, 'Silver'],
        ['RM-D', 220, 'Bronze'],
        ['RM-E', 220, 'Bronze'],
        ['RM-C', 0, 'Bronze'],
      ]);
    });

    it('segment counts as of now', async () => {
      const segments = (await get('/v1/segments').expect(200)).body as {
        segment: string;
        count: number;
        valueContribution: Record<string, number>;
      }[];
      // A and E: individual, affluent (120k, 100k), C3, two transactions in the window (low), active
      // B: corporate, private (7M), C5, no transaction since 01-16 (none), churned; C: individual, mass (10k), C1, prospect
      // D: institutional, wealth (600k), C2, one transaction (low), active
      expect(segments.map((s) => [s.segment, s.count])).toEqual([
        ['individual.affluent.C3.low.active', 2],
        ['corporate.private.C5.none.churned', 1],
        ['individual.mass.C1.none.prospect', 1],
        ['institutional.wealth.C2.low.active', 1],
      ]);
      // Value to date of A: revenue 100.00 + 10.00 − acquisition cost 800.00 = −690.00 CNY, below 0: low;
      // E: no revenue and no recorded cost = 0.00, from 0 up to 5,000: medium
      expect(segments[0]?.valueContribution).toEqual({ high: 0, medium: 1, low: 1 });
      const page = (await get('/v1/segments/individual.affluent.C3.low.active/customers?limit=1').expect(200)).body;
      const rest = (
        await request(running.server)
          .get(`/v1/segments/individual.affluent.C3.low.active/customers?limit=1&cursor=${page.next}`)
          .expect(200)
      ).body;
      expect([page.customers[0].customerId, rest.customers[0].customerId, rest.next]).toEqual(['RM-A', 'RM-E', null]);
    });

    it('satisfaction trends by month, overall and by channel', async () => {
      const overall = (await get('/v1/satisfaction/trends?granularity=month&from=2026-01-01&to=2026-04-30').expect(200)).body;
      expect(overall).toEqual([
        // Feb: A 5 (nps 10, promoter), B 3 (nps 6, detractor): 1 of 2 satisfied = 50 %, mean 4, NPS 50 − 50 = 0
        { period: '2026-02', key: 'all', responses: 2, satisfied: 1, csat: 50, averageScore: 4, nps: 0, npsResponses: 2 },
        // Mar: A 4 (nps 8, passive), A 2 (nps 3, detractor): 50 %, mean 3, NPS 0 − 50 = −50
        { period: '2026-03', key: 'all', responses: 2, satisfied: 1, csat: 50, averageScore: 3, nps: -50, npsResponses: 2 },
        // Apr: C 5 (no nps), D 4 (nps 9, promoter): 100 %, mean 4.5, NPS over the one answer: 100
        { period: '2026-04', key: 'all', responses: 2, satisfied: 2, csat: 100, averageScore: 4.5, nps: 100, npsResponses: 1 },
      ]);
      const february = (await get('/v1/satisfaction/trends?granularity=month&by=channel&from=2026-02-01&to=2026-02-28').expect(200)).body;
      expect(february.map((r: { key: string; csat: number; nps: number }) => [r.key, r.csat, r.nps])).toEqual([
        ['branch', 0, -100],
        ['mobile', 100, 100],
      ]);
      // A's March answers came before 90 days from activation (01-05): its segment was then "new"; 2 transactions: low
      const bySegment = (await get('/v1/satisfaction/trends?granularity=week&by=segment&from=2026-03-16&to=2026-03-22').expect(200)).body;
      expect(bySegment).toEqual([
        {
          period: '2026-W12',
          key: 'individual.affluent.C3.low.new',
          responses: 1,
          satisfied: 0,
          csat: 0,
          averageScore: 2,
          nps: -100,
          npsResponses: 1,
        },
      ]);
    });

    it('complaints: overdue, open and resolved as of now', async () => {
      const ids = async (status: string) =>
        ((await get(`/v1/complaints?status=${status}`).expect(200)).body.complaints as { complaintId: string }[]).map((c) => c.complaintId);
      // B-C1 filed 02-15 09:00, due 15 days later (03-02 09:00), still open: overdue. C-C1 filed 04-01 08:00 is due 04-16 08:00: not yet.
      expect(await ids('overdue')).toEqual(['B-C1']);
      expect(await ids('open')).toEqual(['B-C1', 'C-C1']);
      const [resolved] = (await get('/v1/complaints?status=resolved').expect(200)).body.complaints;
      // filed 01-20 09:00, resolved 01-22 21:00: 60 hours
      expect(resolved).toMatchObject({
        complaintId: 'D-C1',
        filedAt: '2026-01-20T09:00:00.000Z',
        resolvedAt: '2026-01-22T21:00:00.000Z',
        resolutionHours: 60,
        isOverdue: false,
      });
    });

    it('KPIs of February–March', async () => {
      const kpis = (await get('/v1/kpis?from=2026-02-01&to=2026-03-31').expect(200)).body;
      expect(kpis).toMatchObject({
        // active on 02-01: A, D, E (activated 01-05) and B (01-07) = 4; B churned 03-15: 1 / 4 = 25 %, retention 75 %
        activeAtStart: 4,
        churnBase: 4,
        acquired: 1,
        activated: 0,
        churned: 1,
        churnRate: 25,
        retentionRate: 75,
        // answers 5, 3, 4, 2: 2 satisfied of 4 = 50 %; NPS answers 10 (P), 6 (D), 8, 3 (D): (1 − 2) / 4 = −25
        csat: 50,
        nps: -25,
        complaints: 1,
        averageResolutionHours: null,
        revenue: [{ amount: '10.00', currency: 'CNY' }],
        acquisitionCost: [{ amount: '50.00', currency: 'CNY' }],
        cac: [{ currency: 'CNY', value: { amount: '50.00', currency: 'CNY' }, customers: 1 }],
        acquiredWithoutCost: 0,
        // LTV = 10.00 / 4 customers = 2.50 per customer over a 25 % churn = 10.00; CAC = 50.00 / 1 acquired; CLV = −40.00
        clv: [{ currency: 'CNY', value: { amount: '-40.00', currency: 'CNY' } }],
      });
    });

    it('KPIs of January: no base at the start, four activated and none churned (0 %); one complaint resolved in 60 hours', async () => {
      const kpis = (await get('/v1/kpis?from=2026-01-01&to=2026-01-31').expect(200)).body;
      // acquired A, D, E, B; all four activated; revenue 1,200.00 (B) + 100.00 (A); acquisition costs 800.00 (A) + 1,500.00 (B)
      expect(kpis).toMatchObject({
        acquired: 4,
        activated: 4,
        churned: 0,
        activeAtStart: 0,
        // the four activated in January were exposed to churn and none left
        churnBase: 4,
        churnRate: 0,
        retentionRate: 100,
        csat: null,
        nps: null,
        complaints: 1,
        averageResolutionHours: 60,
      });
      expect([kpis.revenue, kpis.acquisitionCost]).toEqual([
        [{ amount: '1300.00', currency: 'CNY' }],
        [{ amount: '2300.00', currency: 'CNY' }],
      ]);
    });
  });
}

scenarioSuite('embedded store');
scenarioSuite('embedded store, events in EventStoreDB (emulator)', undefined, eventStoreChoice('esdb'));
describeWithServer('MONGO_URL', 'FerretDB', 'the hand-computed scenario on MongoDB', (url) =>
  scenarioSuite('MongoDB', `${url.replace(/\/?$/, '/')}rapport_scenario_${randomBytes(4).toString('hex')}`),
);
