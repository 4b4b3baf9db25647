import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ManualClock } from '@rapport/kernel';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { describeWithServer } from '../support/integration-server';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const cny = (amount: string) => ({ amount, currency: 'CNY' });
type Step = readonly [path: string, body: Record<string, unknown>];

const acquire = (customerId: string, customerType: string, channel: string, occurredAt: string, cost?: string): Step => [
  '/v1/customers',
  {
    customerId,
    customerType,
    channel,
    assets: cny('100.00'),
    riskProfile: 'C2',
    occurredAt,
    ...(cost ? { acquisitionCost: cny(cost) } : {}),
  },
];
const activate = (id: string, occurredAt: string): Step => [`/v1/customers/${id}/activation`, { product: 'savings', occurredAt }];
const transact = (id: string, transactionId: string, productCategory: string, revenue: string, occurredAt: string): Step => [
  `/v1/customers/${id}/transactions`,
  { transactionId, amount: cny('1000.00'), productCategory, revenue: cny(revenue), occurredAt },
];

/** Four customers, January to March 2026, in CNY. */
const SCENARIO: readonly Step[] = [
  acquire('AN-A', 'individual', 'web', '2026-01-05T09:00:00Z', '100.00'),
  activate('AN-A', '2026-01-05T10:00:00Z'),
  acquire('AN-B', 'corporate', 'branch', '2026-01-10T09:00:00Z', '200.00'),
  activate('AN-B', '2026-01-12T09:00:00Z'),
  transact('AN-A', 'A-T1', 'cards', '50.00', '2026-01-20T09:00:00Z'),
  transact('AN-B', 'B-T1', 'loans', '100.00', '2026-01-25T09:00:00Z'),
  acquire('AN-C', 'individual', 'branch', '2026-02-03T09:00:00Z', '50.00'),
  activate('AN-C', '2026-02-05T09:00:00Z'),
  transact('AN-A', 'A-T2', 'loans', '30.00', '2026-02-10T09:00:00Z'),
  transact('AN-C', 'C-T1', 'cards', '12.00', '2026-02-10T11:00:00Z'),
  ['/v1/customers/AN-B/churn', { reason: 'moved abroad', occurredAt: '2026-02-20T09:00:00Z' }],
  acquire('AN-D', 'individual', 'web', '2026-03-01T09:00:00Z'),
  [
    '/v1/customers/AN-C/complaints',
    { complaintId: 'C-C1', category: 'fees', severity: 'low', channel: 'branch', occurredAt: '2026-03-01T09:00:00Z' },
  ],
  [
    '/v1/customers/AN-C/surveys',
    { surveyId: 'C-S1', csat: 5, nps: 10, touchpoint: 'service', channel: 'branch', occurredAt: '2026-03-02T09:00:00Z' },
  ],
  transact('AN-A', 'A-T3', 'cards', '20.00', '2026-03-15T09:00:00Z'),
];

const NOW = '2026-04-15T12:00:00.000Z';
const PERIOD = 'from=2026-02-01&to=2026-03-31';

/** Every figure below is worked out by hand in the comments from the scenario above, not by the code under test. */
function analyticsSuite(store: string, mongoUrl?: string): void {
  describe(`analytics over HTTP (${store}): a hand-computed scenario`, () => {
    let dataDir: string;
    let running: RunningApp;
    let position = 0;
    const get = (path: string) => request(running.server).get(path).set(bearer('analyst')).query({ minPosition: position });

    beforeAll(async () => {
      dataDir = tempDataDir('analytics');
      running = await startHttpApp(dataDir, {
        clock: new ManualClock(new Date(NOW)),
        security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 },
        ...(mongoUrl ? { mongoUrl } : {}),
      });
      for (const [path, body] of SCENARIO) {
        const response = await request(running.server).post(path).set(bearer('channel')).send(body).expect(201);
        position = Math.max(position, response.body.position as number);
      }
    });
    afterAll(async () => {
      await running.close();
      removeDir(dataDir);
    });

    it('breaks every KPI down by acquisition channel', async () => {
      const { body } = await get(`/v1/kpis?${PERIOD}&by=channel`).expect(200);
      expect(body).toMatchObject({ from: '2026-02-01', to: '2026-03-31', by: 'channel' });
      // branch: B (active before Feb) and C (acquired and activated in Feb). B churned while active: 1 over the
      // 2 exposed to churn (B active at the start, C activated in the period) = 50 %.
      // C: one complaint, one survey (CSAT 5: satisfied; NPS 10: promoter); revenue 12.00; cost 50.00.
      // web: A (active before Feb) and D (acquired in March, no cost). Revenue in the period: A 30.00 + 20.00.
      expect(body.groups).toMatchObject([
        {
          key: 'branch',
          customers: 2,
          acquired: 1,
          activated: 1,
          churned: 1,
          activeAtStart: 1,
          churnRate: 50,
          retentionRate: 50,
          csat: 100,
          nps: 100,
          complaints: 1,
          revenue: [cny('12.00')],
          acquisitionCost: [cny('50.00')],
        },
        {
          key: 'web',
          customers: 2,
          acquired: 1,
          activated: 0,
          churned: 0,
          activeAtStart: 1,
          churnRate: 0,
          retentionRate: 100,
          csat: null,
          nps: null,
          complaints: 0,
          revenue: [cny('50.00')],
          acquisitionCost: [],
        },
      ]);
    });

    it('breaks KPIs down by customer type and by product category', async () => {
      const byType = (await get(`/v1/kpis?${PERIOD}&by=customerType`).expect(200)).body.groups;
      // corporate: B alone; individual: A, C, D.
      expect(byType.map((g: { key: string; customers: number }) => [g.key, g.customers])).toEqual([
        ['corporate', 1],
        ['individual', 3],
      ]);
      const byCategory = (await get(`/v1/kpis?${PERIOD}&by=productCategory`).expect(200)).body.groups;
      // cards: A and C; only cards revenue: A 20.00 (15 Mar) + C 12.00. Active at the start: A.
      // loans: A and B; loans revenue: A 30.00 (10 Feb). Active at the start: A and B; B churned: 1 / 2 = 50 %.
      expect(byCategory).toMatchObject([
        { key: 'cards', customers: 2, acquired: 1, activeAtStart: 1, churned: 0, revenue: [cny('32.00')] },
        { key: 'loans', customers: 2, acquired: 0, activeAtStart: 2, churned: 1, churnRate: 50, revenue: [cny('30.00')] },
      ]);
    });

    it('puts every customer in exactly one segment', async () => {
      const groups = (await get(`/v1/kpis?${PERIOD}&by=segment`).expect(200)).body.groups as { key: string; customers: number }[];
      expect(groups.reduce((sum, g) => sum + g.customers, 0)).toBe(4);
      for (const group of groups) expect(group.key.split('.')).toHaveLength(5);
    });

    it('draws the monthly retention triangle with revenue per cohort', async () => {
      const { body } = await get('/v1/cohorts?granularity=month&from=2026-01-01&to=2026-03-31').expect(200);
      // January: A and B. End of Jan both active; B churned 20 Feb: 1/2 at the end of Feb and of March. April has not ended.
      // Revenue: Jan A 50 + B 100; Feb A 30; Mar A 20. February: C, active to the end of March; revenue 12.00 in Feb.
      // D was never activated: in no cohort.
      expect(body).toEqual({
        granularity: 'month',
        from: '2026-01-01',
        to: '2026-03-31',
        asOf: NOW,
        currency: 'CNY',
        cohorts: [
          {
            period: '2026-01',
            size: 2,
            retainedPercent: [100, 50, 50],
            revenue: [cny('150.00'), cny('30.00'), cny('20.00')],
            totalRevenue: cny('200.00'),
          },
          { period: '2026-02', size: 1, retainedPercent: [100, 100], revenue: [cny('12.00'), cny('0.00')], totalRevenue: cny('12.00') },
        ],
      });
    });

    it('draws cohorts by quarter', async () => {
      const { body } = await get('/v1/cohorts?granularity=quarter&from=2026-01-01&to=2026-03-31').expect(200);
      // Q1: A, B, C; at the end of March A and C are active: 2/3 = 66.67 %. Revenue 150 + 30 + 20 + 12.
      expect(body.cohorts).toEqual([
        { period: '2026-Q1', size: 3, retainedPercent: [66.67], revenue: [cny('212.00')], totalRevenue: cny('212.00') },
      ]);
    });

    it('pages customers by value, highest first, with a cursor', async () => {
      // Curves: January cohort [100, 50, 50], February [100, 100]; both repeat their last ratio (1) beyond: 60 months expected.
      // A: margin 100.00 − cost 100.00 = 0.00; age 3 (Jan→Apr); 10,000 fen / 4 months × 60 = 1,500.00 projected.
      // C: margin 12.00 − cost 50.00 = −38.00; age 2; 1,200 fen / 3 × 60 = 240.00: projected 202.00.
      // B: churned, 100.00 − 200.00 = −100.00, nothing further. D: no acquisition cost, no value: last.
      const first = await get('/v1/customers?sort=clv&limit=2').expect(200);
      expect(first.body.customers).toEqual([
        { customerId: 'AN-A', valueToDate: cny('0.00'), projectedValue: cny('1500.00'), expectedFutureMonths: 60 },
        { customerId: 'AN-C', valueToDate: cny('-38.00'), projectedValue: cny('202.00'), expectedFutureMonths: 60 },
      ]);
      const second = await get(`/v1/customers?sort=clv&limit=2&cursor=${first.body.next as string}`).expect(200);
      expect(second.body).toEqual({
        customers: [
          { customerId: 'AN-B', valueToDate: cny('-100.00'), projectedValue: cny('-100.00'), expectedFutureMonths: 0 },
          { customerId: 'AN-D', valueToDate: null, projectedValue: null, expectedFutureMonths: 0 },
        ],
        next: null,
      });
    });

    it('shows each customer its own value in the customer 360 (the figures above)', async () => {
      expect((await get('/v1/customers/AN-A').expect(200)).body.value).toEqual({
        valueToDate: cny('0.00'),
        projectedValue: cny('1500.00'),
        expectedFutureMonths: 60,
      });
      expect((await get('/v1/customers/AN-D').expect(200)).body.value).toEqual({
        valueToDate: null,
        projectedValue: null,
        expectedFutureMonths: 0,
      });
    });

    it.each([
      ['/v1/kpis?by=region', 'by'],
      ['/v1/kpis?by=segment&format=csv', 'by'],
      ['/v1/cohorts?granularity=week', 'granularity'],
      ['/v1/cohorts?from=2026-13-01', 'from'],
      ['/v1/cohorts?from=2026-03-01&to=2026-02-01', 'to'],
      ['/v1/customers', 'sort'],
      ['/v1/customers?sort=name', 'sort'],
      ['/v1/customers?sort=clv&limit=0', 'limit'],
    ])('GET %s is refused with 400 naming %s', async (path, field) => {
      const response = await request(running.server).get(path).set(bearer('analyst')).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a cursor it did not issue with 400', async () => {
      await request(running.server).get('/v1/customers?sort=clv&cursor=bm90LWEtY3Vyc29y').set(bearer('analyst')).expect(400);
    });

    it('answers from an event that arrives after a first answer (the book is refreshed, last so the figures above hold)', async () => {
      const before = (await get(`/v1/kpis?${PERIOD}&by=channel`).expect(200)).body.groups[0];
      expect(before.revenue).toEqual([cny('12.00')]);
      const [path, body] = transact('AN-C', 'C-T2', 'cards', '8.00', '2026-03-20T09:00:00Z');
      position = (await request(running.server).post(path).set(bearer('channel')).send(body).expect(201)).body.position as number;
      // branch: C's 12.00 + 8.00.
      expect((await get(`/v1/kpis?${PERIOD}&by=channel`).expect(200)).body.groups[0]).toMatchObject({
        key: 'branch',
        revenue: [cny('20.00')],
      });
    });

    it.each(['/v1/kpis?by=channel', '/v1/cohorts', '/v1/customers?sort=clv'])('%s: analyst and admin only', async (path) => {
      await request(running.server).get(path).set(bearer('admin')).expect(200);
      await request(running.server).get(path).set(bearer('channel')).expect(403);
      await request(running.server).get(path).set(bearer('auditor')).expect(403);
      await request(running.server).get(path).expect(401);
    });
  });
}

analyticsSuite('embedded store');
describeWithServer('MONGO_URL', 'FerretDB', 'the analytics scenario on MongoDB', (url) =>
  analyticsSuite('MongoDB', `${url.replace(/\/?$/, '/')}rapport_analytics_${randomBytes(4).toString('hex')}`),
);
