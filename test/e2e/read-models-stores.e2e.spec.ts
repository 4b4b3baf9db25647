import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { allProjections, EmbeddedReadModelStore, MongoReadModelStore, type ReadDocument, type ReadModelStore } from '@rapport/read-models';
import { describeWithServer } from '../support/integration-server';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';
import { readSideCaughtUp, type ProjectionsView } from '../support/read-side-caught-up';

const collections = allProjections().flatMap((p) => p.collections.map((c) => c.name));

async function snapshot(store: ReadModelStore): Promise<Record<string, ReadDocument[]>> {
  const result: Record<string, ReadDocument[]> = {};
  for (const name of collections) result[name] = (await store.find(name, { limit: 10_000 })).documents as ReadDocument[];
  return result;
}

function caughtUp(running: RunningApp): Promise<number> {
  return readSideCaughtUp(async () => (await request(running.server).get('/v1/projections').expect(200)).body as ProjectionsView);
}

async function drive(running: RunningApp): Promise<void> {
  const post = (path: string, body: object) => request(running.server).post(path).send(body).expect(201);
  for (let n = 0; n < 12; n++) {
    const id = `S-${n}`;
    await post('/v1/customers', {
      customerId: id,
      customerType: ['individual', 'corporate', 'institutional'][n % 3],
      channel: 'branch',
      assets: { amount: `${n * 75000 + 500}.00`, currency: 'CNY' },
      riskProfile: `C${1 + (n % 5)}`,
      acquisitionCost: { amount: '100.00', currency: 'CNY' },
      occurredAt: `2026-01-0${1 + (n % 9)}T08:00:00Z`,
    });
    if (n % 4 === 3) continue;
    await post(`/v1/customers/${id}/activation`, { product: 'savings', occurredAt: '2026-01-10T08:00:00Z' });
    for (let t = 0; t < n % 5; t++)
      await post(`/v1/customers/${id}/transactions`, {
        transactionId: `${id}-t${t}`,
        amount: { amount: `${2500 * (t + 1)}.00`, currency: 'CNY' },
        productCategory: 'cards',
        revenue: { amount: '7.25', currency: 'CNY' },
        occurredAt: `2026-02-1${t}T08:00:00Z`,
      });
    for (const [s, csat] of (n % 2 ? [5, 4, 1] : [3, 4]).entries())
      await post(`/v1/customers/${id}/surveys`, {
        surveyId: `${id}-s${s}`,
        csat,
        nps: csat * 2,
        touchpoint: 'service',
        channel: s ? 'app' : 'branch',
        occurredAt: `2026-03-0${s + 1}T08:00:00Z`,
      });
    await post(`/v1/customers/${id}/complaints`, {
      complaintId: `${id}-c`,
      category: 'fees',
      severity: 'medium',
      channel: 'app',
      occurredAt: '2026-03-05T08:00:00Z',
    });
    if (n % 3 === 0)
      await post(`/v1/customers/${id}/complaints/${id}-c/resolution`, { resolution: 'done', occurredAt: '2026-03-06T10:30:00Z' });
    if (n % 5 === 0) await post(`/v1/customers/${id}/churn`, { reason: 'left', occurredAt: '2026-03-20T08:00:00Z' });
  }
}

describeWithServer('MONGO_URL', 'FerretDB', 'read models on the embedded store and on MongoDB', (url) => {
  it('the same stored events give the same documents in every collection', async () => {
    const dataDir = tempDataDir('read-model-stores');
    const database = `rapport_e2e_${randomBytes(4).toString('hex')}`;
    try {
      const embedded = await startHttpApp(dataDir);
      await drive(embedded);
      const head = await caughtUp(embedded);
      await embedded.close();
      // The same event store, read models in MongoDB this time: the service projects them from position 0.
      const mongo = await startHttpApp(dataDir, { mongoUrl: `${url.replace(/\/?$/, '/')}${database}` });
      expect(await caughtUp(mongo)).toBe(head);
      await mongo.close();

      const left = EmbeddedReadModelStore.open(join(dataDir, 'read-models.sqlite'));
      const right = await MongoReadModelStore.connect(url, { database });
      const [fromEmbedded, fromMongo] = [await snapshot(left), await snapshot(right)];
      await Promise.all([left.close(), right.close()]);
      expect(Object.values(fromEmbedded).flat().length).toBeGreaterThan(100);
      expect(fromMongo).toEqual(fromEmbedded);
    } finally {
      removeDir(dataDir);
    }
  });
});
