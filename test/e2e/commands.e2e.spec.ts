import request from 'supertest';
import { EVENT_STORES, eventStoreChoice, removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const acquisition = (customerId: string) => ({
  customerId,
  customerType: 'individual',
  channel: 'branch',
  assets: { amount: '120000.00', currency: 'CNY' },
  riskProfile: 'C3',
  occurredAt: '2026-01-05T09:00:00Z',
});

describe.each(EVENT_STORES)('customer commands over HTTP on %s', (kind) => {
  let dataDir: string;
  let running: RunningApp;
  const http = () => request(running.server);
  const history = async (id: string) =>
    (await http().get(`/v1/customers/${id}/history`)).body.events as { revision: number; type: string; data: Record<string, unknown> }[];

  beforeAll(async () => {
    dataDir = tempDataDir('commands');
    running = await startHttpApp(dataDir, { eventStore: eventStoreChoice(kind) });
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  describe('given a new customer id', () => {
    it('acquiring answers 201 with the revision and the appended event, and stores it', async () => {
      const response = await http().post('/v1/customers').send(acquisition('C-1')).expect(201);
      expect(response.body).toMatchObject({ customerId: 'C-1', revision: 0, events: ['CustomerAcquired'] });
      expect(response.headers['x-event-position']).toBe(String(response.body.position));
      const events = await history('C-1');
      expect(events.map((e) => e.type)).toEqual(['CustomerAcquired']);
      expect(events[0]?.data).toMatchObject({ customerType: 'individual', assets: { amount: '120000.00', currency: 'CNY' } });
    });
  });

  describe('given bad input', () => {
    it('a malformed JSON body gets a 400 problem and appends nothing', async () => {
      const response = await http().post('/v1/customers').set('content-type', 'application/json').send('{"customerId": ').expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 400, title: 'Unreadable request body' });
    });

    it('missing and malformed fields get a 400 with every field named, and nothing is appended', async () => {
      const body = { ...acquisition('C-bad'), customerType: 'alien', assets: { amount: '12.345', currency: 'cny' } } as Record<
        string,
        unknown
      >;
      delete body.riskProfile;
      const response = await http().post('/v1/customers').send(body).expect(400);
      const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['assets.amount', 'assets.currency', 'customerType', 'riskProfile']);
      expect((await http().get('/v1/customers/C-bad/history')).status).toBe(404);
    });

    it('an unknown field is rejected by name', async () => {
      const response = await http()
        .post('/v1/customers')
        .send({ ...acquisition('C-extra'), isVip: true })
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'isVip', message: 'unknown field isVip' }]);
    });

    it('an unknown customer gets 404 and no stream is created', async () => {
      const response = await http().post('/v1/customers/nobody/activation').send({ product: 'savings-account' }).expect(404);
      expect(response.body).toMatchObject({ status: 404, rule: 'customer-not-found' });
      expect((await http().get('/v1/customers/nobody/history')).status).toBe(404);
    });

    it('a broken rule gets 409 naming the rule and appends nothing', async () => {
      await http().post('/v1/customers').send(acquisition('C-2')).expect(201);
      const response = await http()
        .post('/v1/customers/C-2/transactions')
        .send({ transactionId: 'T-1', amount: { amount: '10.00', currency: 'CNY' }, productCategory: 'cards' })
        .expect(409);
      expect(response.body).toMatchObject({
        status: 409,
        rule: 'customer-not-active',
        type: expect.stringContaining('customer-not-active'),
      });
      expect((await history('C-2')).map((e) => e.type)).toEqual(['CustomerAcquired']);
    });

    it('a malformed customer id in the path gets 400', async () => {
      const response = await http().post('/v1/customers/bad%20id/activation').send({ product: 'x' }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'customerId', message: expect.stringContaining('customerId must match') }]);
    });
  });

  describe('given an active customer', () => {
    beforeAll(async () => {
      await http().post('/v1/customers').send(acquisition('C-3')).expect(201);
      await http()
        .post('/v1/customers/C-3/activation')
        .send({ product: 'savings-account', occurredAt: '2026-01-06T09:00:00Z' })
        .expect(201);
    });

    it('a repeated transactionId is a 200 no-op that appends nothing', async () => {
      const tx = { transactionId: 'T-dup', amount: { amount: '250.00', currency: 'CNY' }, productCategory: 'cards' };
      await http().post('/v1/customers/C-3/transactions').send(tx).expect(201);
      const again = await http().post('/v1/customers/C-3/transactions').send(tx).expect(200);
      expect(again.body.events).toEqual([]);
      expect((await history('C-3')).filter((e) => e.type === 'TransactionRecorded')).toHaveLength(1);
    });

    it('a business time before the acquisition gets 400 naming occurredAt and appends nothing', async () => {
      const before = await history('C-3');
      const early = {
        transactionId: 'T-early',
        amount: { amount: '10.00', currency: 'CNY' },
        productCategory: 'cards',
        occurredAt: '2026-01-05T08:59:59.999Z',
      };
      const response = await http().post('/v1/customers/C-3/transactions').send(early).expect(400);
      expect(response.body).toMatchObject({
        status: 400,
        rule: 'occurred-before-acquisition',
        errors: [{ field: 'occurredAt', message: expect.any(String) }],
      });
      expect(await history('C-3')).toHaveLength(before.length);
    });

    it('a business time beyond the clock-skew bound gets 400 naming occurredAt and appends nothing', async () => {
      const before = await history('C-3');
      const anHourAhead = new Date(Date.now() + 3_600_000).toISOString();
      const ahead = {
        transactionId: 'T-ahead',
        amount: { amount: '10.00', currency: 'CNY' },
        productCategory: 'cards',
        occurredAt: anHourAhead,
      };
      const response = await http().post('/v1/customers/C-3/transactions').send(ahead).expect(400);
      expect(response.body).toMatchObject({
        status: 400,
        rule: 'occurred-in-the-future',
        errors: [{ field: 'occurredAt', message: expect.any(String) }],
      });
      expect(await history('C-3')).toHaveLength(before.length);
      const acquiredAhead = await http()
        .post('/v1/customers')
        .send({ ...acquisition('C-ahead'), occurredAt: anHourAhead })
        .expect(400);
      expect(acquiredAhead.body).toMatchObject({ rule: 'occurred-in-the-future', errors: [{ field: 'occurredAt' }] });
      expect((await http().get('/v1/customers/C-ahead/history')).status).toBe(404);
    });

    it('a repeated transactionId with other content gets 409 conflicting-duplicate and appends nothing', async () => {
      const tx = { transactionId: 'T-reused', amount: { amount: '250.00', currency: 'CNY' }, productCategory: 'cards' };
      await http().post('/v1/customers/C-3/transactions').send(tx).expect(201);
      const reused = await http()
        .post('/v1/customers/C-3/transactions')
        .send({ ...tx, amount: { amount: '260.00', currency: 'CNY' } })
        .expect(409);
      expect(reused.body).toMatchObject({ status: 409, rule: 'conflicting-duplicate' });
      const recorded = (await history('C-3')).filter((e) => e.type === 'TransactionRecorded' && e.data.transactionId === 'T-reused');
      expect(recorded.map((e) => e.data.amount)).toEqual([{ amount: '250.00', currency: 'CNY' }]);
    });

    it('a retried request with the same Idempotency-Key answers exactly as the first time, status included, and appends nothing', async () => {
      const survey = { surveyId: 'S-1', csat: 4, nps: 9, touchpoint: 'app-login', channel: 'mobile-app' };
      const first = await http().post('/v1/customers/C-3/surveys').set('Idempotency-Key', 'retry-1').send(survey).expect(201);
      const second = await http().post('/v1/customers/C-3/surveys').set('Idempotency-Key', 'retry-1').send(survey).expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['x-event-position']).toBe(first.headers['x-event-position']);
      expect((await history('C-3')).filter((e) => e.type === 'SatisfactionRecorded')).toHaveLength(1);
    });

    it('50 concurrent transactions all succeed with contiguous revisions and no event lost or doubled', async () => {
      const before = (await history('C-3')).length;
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          http()
            .post('/v1/customers/C-3/transactions')
            .send({ transactionId: `T-par-${i}`, amount: { amount: '100.00', currency: 'CNY' }, productCategory: 'deposits' }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const revisions = responses.map((r) => r.body.revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => before + i));
      const events = await history('C-3');
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: before + 50 }, (_, i) => i));
      const ids = events.filter((e) => String(e.data.transactionId).startsWith('T-par-')).map((e) => e.data.transactionId);
      expect(new Set(ids).size).toBe(50);
      expect(ids).toHaveLength(50);
    });
  });
});
