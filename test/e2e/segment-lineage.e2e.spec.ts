import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ManualClock } from '@rapport/kernel';
import { describeWithServer } from '../support/integration-server';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const cny = (amount: string) => ({ amount, currency: 'CNY' });
const day = (date: string) => `${date}T09:00:00Z`;

/**
 * Five customers, all individual, C2, written with the clock at 2026-05-01 (recording time). By hand
 * (design.md §2 defaults: "new" for 90 days, dormant after 90 days without a transaction, behaviour
 * from the transactions of the trailing 90 days):
 * - L-1: prospect (01-05), new (activated 01-06), affluent (80,000 CNY on 01-25), then with no event
 *   dormant on 04-06 09:00 (new ended, never a transaction): three changes, one time-driven;
 * - L-2: new (01-06), low behaviour (a transaction on 02-01), active when new ends (04-06 09:00);
 * - L-3: a prospect since 02-10;
 * - L-4, L-5: new (01-06), churned on 03-01 and 03-10.
 */
async function drive(running: RunningApp, clock: ManualClock): Promise<number> {
  clock.set(new Date('2026-05-01T00:00:00Z'));
  let position = 0;
  const post = async (path: string, body: object) => {
    position = (await request(running.server).post(path).send(body).expect(201)).body.position;
  };
  const acquire = (customerId: string, date: string) =>
    post('/v1/customers', {
      customerId,
      customerType: 'individual',
      channel: 'branch',
      assets: cny('100.00'),
      riskProfile: 'C2',
      acquisitionCost: cny('50.00'),
      occurredAt: day(date),
    });
  for (const id of ['L-1', 'L-2', 'L-4', 'L-5']) {
    await acquire(id, '2026-01-05');
    await post(`/v1/customers/${id}/activation`, { product: 'savings', occurredAt: day('2026-01-06') });
  }
  await acquire('L-3', '2026-02-10');
  await request(running.server)
    .patch('/v1/customers/L-1/profile')
    .send({ assets: cny('80000.00'), occurredAt: day('2026-01-25') })
    .expect(200);
  await post('/v1/customers/L-2/transactions', {
    transactionId: 'L-2-t1',
    amount: cny('500.00'),
    productCategory: 'cards',
    revenue: cny('5.00'),
    occurredAt: day('2026-02-01'),
  });
  await post('/v1/customers/L-4/churn', { reason: 'moved', occurredAt: day('2026-03-01') });
  await post('/v1/customers/L-5/churn', { reason: 'fees', occurredAt: day('2026-03-10') });
  return position;
}

const event = (type: string, revision: number, occurredAt: string) => ({
  kind: 'event',
  eventId: expect.any(String),
  type,
  revision,
  position: expect.any(Number),
  occurredAt,
});

/** The hand counts above, asked of a running service whose events `drive` wrote. */
function lineageCases(app: () => RunningApp, position: () => number): void {
  const get = (path: string) => request(app().server).get(path);

  it('lists the three changes of L-1 after its acquisition, each with its cause, one of them time-driven', async () => {
    const { body } = await get(`/v1/customers/L-1/segments/history?minPosition=${position()}`).expect(200);
    expect(body.changes).toEqual([
      {
        customerId: 'L-1',
        at: '2026-01-05T09:00:00.000Z',
        from: null,
        to: 'individual.mass.C2.none.prospect',
        cause: event('CustomerAcquired', 0, '2026-01-05T09:00:00.000Z'),
      },
      {
        customerId: 'L-1',
        at: '2026-01-06T09:00:00.000Z',
        from: 'individual.mass.C2.none.prospect',
        to: 'individual.mass.C2.none.new',
        cause: event('CustomerActivated', 1, '2026-01-06T09:00:00.000Z'),
      },
      {
        customerId: 'L-1',
        at: '2026-01-25T09:00:00.000Z',
        from: 'individual.mass.C2.none.new',
        to: 'individual.affluent.C2.none.new',
        cause: event('CustomerProfileUpdated', 2, '2026-01-25T09:00:00.000Z'),
      },
      {
        customerId: 'L-1',
        at: '2026-04-06T09:00:00.000Z',
        from: 'individual.affluent.C2.none.new',
        to: 'individual.affluent.C2.none.dormant',
        cause: { kind: 'time', rules: ['lifecycle.newForDays'], afterRevision: 2 },
      },
    ]);
  });

  it('counts the moves between two instants as by hand', async () => {
    const { body } = await get(
      `/v1/segments/migrations?from=2026-02-15T00:00:00Z&to=2026-04-15T00:00:00Z&minPosition=${position()}`,
    ).expect(200);
    expect(body).toEqual({
      from: '2026-02-15T00:00:00.000Z',
      to: '2026-04-15T00:00:00.000Z',
      migrations: [
        { from: 'individual.mass.C2.none.new', to: 'individual.mass.C2.none.churned', customers: 2 },
        { from: 'individual.affluent.C2.none.new', to: 'individual.affluent.C2.none.dormant', customers: 1 },
        { from: 'individual.mass.C2.low.new', to: 'individual.mass.C2.low.active', customers: 1 },
      ],
    });
  });

  it('answers membership at a past instant, page by page', async () => {
    const segment = 'individual.mass.C2.none.new';
    const first = await get(`/v1/segments/${segment}/customers?asOf=2026-01-20T00:00:00Z&limit=2&minPosition=${position()}`).expect(200);
    expect(first.body.customers).toEqual([
      { customerId: 'L-1', segment },
      { customerId: 'L-2', segment },
    ]);
    const second = await get(`/v1/segments/${segment}/customers?asOf=2026-01-20T00:00:00Z&limit=2&cursor=${first.body.next}`).expect(200);
    expect(second.body).toEqual({
      segment,
      asOf: '2026-01-20T00:00:00.000Z',
      customers: [
        { customerId: 'L-4', segment },
        { customerId: 'L-5', segment },
      ],
      next: null,
    });
    const later = await get(`/v1/segments/${segment}/customers?asOf=2026-02-15T00:00:00Z`).expect(200);
    expect(later.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(['L-4', 'L-5']);
  });

  it('refuses bad parameters with 400 naming the field, and an unknown customer with 404', async () => {
    const fields = async (path: string) => (await get(path).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await fields('/v1/segments/migrations?from=2026-02-15&to=2026-04-15T00:00:00Z')).toEqual(['from']);
    expect(await fields('/v1/segments/migrations?from=2026-02-15T00:00:00Z')).toEqual(['to']);
    expect(await fields('/v1/segments/migrations?from=2026-04-15T00:00:00Z&to=2026-02-15T00:00:00Z')).toEqual(['to']);
    expect(await fields('/v1/segments/individual.mass.C2.none.new/customers?asOf=yesterday')).toEqual(['asOf']);
    expect(await fields('/v1/customers/L-1/segments/history?since=2026-01-01T00:00:00Z')).toEqual(['since']);
    await get('/v1/customers/NOBODY/segments/history').expect(404);
  });
}

/**
 * A report filed with the clock at 2026-05-02, then events back-dated into its period recorded on
 * 2026-05-03 (L-6 acquired on 02-01): as known now Q1 has 6 acquisitions, as known then 5.
 */
function reportCases(app: () => RunningApp, clock: ManualClock): void {
  const http = () => request(app().server);
  const period = 'from=2026-01-01&to=2026-03-31';

  it('files a report, then back-dated events change the period now, but not as known then, and reproduce says identical', async () => {
    clock.set(new Date('2026-05-02T00:00:00Z'));
    const filed = (await http().post('/v1/reports').send({ name: 'Q1', from: '2026-01-01', to: '2026-03-31' }).expect(201)).body;
    expect(filed).toMatchObject({ name: 'Q1', knownAt: '2026-05-02T00:00:00.000Z', query: { from: '2026-01-01', to: '2026-03-31' } });
    expect(filed.result).toMatchObject({ acquired: 5, activated: 4, churned: 2, acquisitionCost: [cny('250.00')] });
    expect(filed.digest).toMatch(/^[0-9a-f]{64}$/);

    clock.set(new Date('2026-05-03T00:00:00Z'));
    await http()
      .post('/v1/customers')
      .send({
        customerId: 'L-6',
        customerType: 'individual',
        channel: 'app',
        assets: cny('100.00'),
        riskProfile: 'C2',
        acquisitionCost: cny('50.00'),
        occurredAt: day('2026-02-01'),
      })
      .expect(201);
    const activated = await http()
      .post('/v1/customers/L-6/activation')
      .send({ product: 'cards', occurredAt: day('2026-02-02') })
      .expect(201);

    const now = (await http().get(`/v1/kpis?${period}&minPosition=${activated.body.position}`).expect(200)).body;
    expect(now).toMatchObject({ acquired: 6, activated: 5 });
    const then = (await http().get(`/v1/kpis?${period}&knownAt=2026-05-02T00:00:00Z`).expect(200)).body;
    expect(then).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      knownAt: '2026-05-02T00:00:00.000Z',
      eventPosition: filed.eventPosition,
      ...filed.result,
    });

    expect((await http().get(`/v1/reports/${filed.id}/reproduce`).expect(200)).body).toEqual({
      id: filed.id,
      identical: true,
      digest: filed.digest,
      recomputedDigest: filed.digest,
      differences: [],
    });
    expect((await http().get(`/v1/reports/${filed.id}`).expect(200)).body).toEqual(filed);
    expect((await http().get('/v1/reports').expect(200)).body).toEqual({ reports: [filed] });
  });

  it('refuses bad report and knownAt parameters with 400, and an unknown report with 404', async () => {
    const fields = (response: request.Response) => response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields(await http().post('/v1/reports').send({}).expect(400))).toEqual(['from', 'name', 'to']);
    expect(
      fields(
        await http()
          .post('/v1/reports')
          .send({ name: 'x', from: '2026-01-01', to: '2026-03-31', knownAt: '2099-01-01T00:00:00Z' })
          .expect(400),
      ),
    ).toEqual(['knownAt']);
    expect(fields(await http().get(`/v1/kpis?${period}&knownAt=2099-01-01T00:00:00Z`).expect(400))).toEqual(['knownAt']);
    expect(fields(await http().get(`/v1/kpis?${period}&knownAt=last-week`).expect(400))).toEqual(['knownAt']);
    expect(fields(await http().get('/v1/reports/not-a-report').expect(400))).toEqual(['id']);
    const missing = await http().get('/v1/reports/0f8fad5b-d9cb-469f-a165-70867728950e/reproduce').expect(404);
    expect(missing.body.type).toContain('report-not-found');
  });
}

function suite(mongoUrl: () => string | undefined): void {
  let dataDir: string;
  let running: RunningApp;
  let position = 0;
  const clock = new ManualClock(new Date('2026-05-01T00:00:00Z'));

  beforeAll(async () => {
    dataDir = tempDataDir('segment-lineage');
    const url = mongoUrl();
    running = await startHttpApp(dataDir, { clock, ...(url ? { mongoUrl: url } : {}) });
    position = await drive(running, clock);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  lineageCases(
    () => running,
    () => position,
  );
  reportCases(() => running, clock);
}

describe('segment lineage and reports as known then, on the embedded read-model store', () => suite(() => undefined));

describeWithServer('MONGO_URL', 'FerretDB', 'segment lineage and reports as known then, read models in MongoDB', (url) =>
  suite(() => `${url.replace(/\/?$/, '/')}rapport_lineage_${randomBytes(4).toString('hex')}`),
);
