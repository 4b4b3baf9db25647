import request from 'supertest';
import { createCustomerDecider } from '@rapport/customer-domain';
import { ManualClock } from '@rapport/kernel';
import { EVENT_STORES, eventStoreChoice, removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';
import { storedBytes, tamperWith } from '../support/stored-bytes';

const personal = { name: 'Zhang Wei Audit', nationalId: 'ID9988776655', phone: '+86 139 1234 5678', email: 'zhang.wei.audit@example.cn' };

describe.each(EVENT_STORES)('audit over HTTP on %s', (kind) => {
  let dataDir: string;
  let running: RunningApp;
  const eventStore = eventStoreChoice(kind);
  const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
  const http = () => request(running.server);
  const at = async (recordedAt: string, send: () => request.Test) => {
    clock.set(new Date(recordedAt));
    return send().expect(201);
  };

  beforeAll(async () => {
    dataDir = tempDataDir('audit');
    running = await startHttpApp(dataDir, { clock, eventStore });
    await at('2026-01-05T09:00:00Z', () =>
      http()
        .post('/v1/customers')
        .send({
          customerId: 'A-1',
          customerType: 'individual',
          channel: 'branch',
          assets: { amount: '80000.00', currency: 'CNY' },
          riskProfile: 'C2',
          personal,
          occurredAt: '2026-01-05T09:00:00Z',
        }),
    );
    await at('2026-01-06T09:00:00Z', () =>
      http().post('/v1/customers/A-1/activation').send({ product: 'savings-account', occurredAt: '2026-01-06T09:00:00Z' }),
    );
    await at('2026-01-10T09:00:00Z', () =>
      http()
        .post('/v1/customers/A-1/transactions')
        .send({
          transactionId: 'T-1',
          amount: { amount: '500.00', currency: 'CNY' },
          productCategory: 'tamper-target',
          occurredAt: '2026-01-10T09:00:00Z',
        }),
    );
    // Back-dated: happened on 8 January, recorded on 1 February.
    await at('2026-02-01T09:00:00Z', () =>
      http()
        .post('/v1/customers/A-1/transactions')
        .send({
          transactionId: 'T-0',
          amount: { amount: '900.00', currency: 'CNY' },
          productCategory: 'deposits',
          occurredAt: '2026-01-08T09:00:00Z',
        }),
    );
  });
  afterAll(async () => {
    await running?.close();
    removeDir(dataDir);
  });

  it('history lists every event in order with its metadata, personal data opened for the auditor', async () => {
    const { body } = await http().get('/v1/customers/A-1/history').expect(200);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual([
      'CustomerAcquired',
      'CustomerActivated',
      'TransactionRecorded',
      'TransactionRecorded',
    ]);
    expect(body.events[0].data.personal).toEqual(personal);
    expect(body.events[3].metadata).toMatchObject({
      occurredAt: '2026-01-08T09:00:00.000Z',
      recordedAt: '2026-02-01T09:00:00.000Z',
      schemaVersion: 2,
    });
  });

  it('the state as of an instant equals folding the stored events up to it', async () => {
    const { body: history } = await http().get('/v1/customers/A-1/history').expect(200);
    const decider = createCustomerDecider();
    const expected = history.events
      .filter((e: { metadata: { occurredAt: string } }) => e.metadata.occurredAt <= '2026-01-09T00:00:00.000Z')
      .reduce(
        (state: never, e: { type: string; data: unknown }) => decider.evolve(state, { type: e.type, data: e.data } as never),
        decider.initialState,
      );
    const { body } = await http().get('/v1/customers/A-1/state').query({ asOf: '2026-01-09T00:00:00Z', basis: 'occurred' }).expect(200);
    expect(body.eventsApplied).toBe(3);
    expect(body.state).toEqual(JSON.parse(JSON.stringify({ ...expected, personal })));
  });

  it('occurred and recorded bases differ for an event recorded after the instant it is back-dated to', async () => {
    const asOf = { asOf: '2026-01-20T00:00:00Z' };
    const occurred = await http()
      .get('/v1/customers/A-1/state')
      .query({ ...asOf, basis: 'occurred' })
      .expect(200);
    const recorded = await http()
      .get('/v1/customers/A-1/state')
      .query({ ...asOf, basis: 'recorded' })
      .expect(200);
    expect(occurred.body.state.transactionCount).toBe(2);
    expect(recorded.body.state.transactionCount).toBe(1);
    expect(occurred.body.state.loyalty.balance).toBe(200 + 5 + 9);
    expect(recorded.body.state.loyalty.balance).toBe(200 + 5);
  });

  it('bad audit queries get 400 and an unknown customer 404', async () => {
    await http().get('/v1/customers/A-1/state').query({ asOf: 'yesterday' }).expect(400);
    await http().get('/v1/customers/A-1/state').query({ asOf: '2026-01-20T00:00:00Z', basis: 'later' }).expect(400);
    await http().get('/v1/customers/A-1/history').query({ 'limit[$gt]': '1' }).expect(400);
    await http().get('/v1/customers/nobody/history/verify').expect(404);
  });

  it('the stores hold none of the personal data sent in', async () => {
    await running.close();
    const haystack = storedBytes(dataDir, eventStore);
    for (const value of Object.values(personal)) {
      expect({ value, found: haystack.includes(Buffer.from(value, 'utf8')) }).toEqual({ value, found: false });
    }
    running = await startHttpApp(dataDir, { clock, eventStore });
  });

  it('verify is valid, and reports the revision where stored bytes were changed', async () => {
    expect((await http().get('/v1/customers/A-1/history/verify').expect(200)).body).toEqual({ valid: true, events: 4 });
    await running.close();
    // Old copies of a SQLite page may linger in free space; every copy of the event's bytes is changed.
    expect(tamperWith(dataDir, eventStore, 'tamper-target', 'tamper-tarXet')).toBeGreaterThan(0);
    running = await startHttpApp(dataDir, { clock, eventStore });
    const { body } = await http().get('/v1/customers/A-1/history/verify').expect(200);
    expect(body).toEqual({ valid: false, events: 4, brokenAt: { revision: 2, reason: 'hash-mismatch' } });
  });
});
