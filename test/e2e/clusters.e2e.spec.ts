import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ManualClock } from '@rapport/kernel';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { describeWithServer } from '../support/integration-server';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const cny = (amount: string) => ({ amount, currency: 'CNY' });
const NOW = '2026-04-15T12:00:00.000Z';
const PER_GROUP = 6;
type Group = 'dormant' | 'everyday' | 'wealthy';

interface Tx {
  readonly category: string;
  readonly revenue: string;
  readonly at: string;
}

/**
 * Three behaviours far apart, each customer a little different from its neighbours:
 * dormant (one small transaction a year ago, complaints, unhappy), everyday (many small recent
 * transactions), wealthy (a few very profitable transactions over several product categories).
 */
function transactionsOf(group: Group, i: number): Tx[] {
  if (group === 'dormant') return [{ category: 'cards', revenue: `${1 + i}.00`, at: '2025-04-20T09:00:00Z' }];
  if (group === 'everyday')
    return Array.from({ length: 20 + i }, (_, t) => ({
      category: 'cards',
      revenue: '2.00',
      at: `2026-04-${String(1 + (t % 14)).padStart(2, '0')}T09:${String(t).padStart(2, '0')}:00Z`,
    }));
  return ['wealth', 'loans', 'insurance', 'brokerage'].map((category, t) => ({
    category,
    revenue: `${20000 + 500 * i}.00`,
    at: `2026-03-${String(10 + t).padStart(2, '0')}T09:00:00Z`,
  }));
}

function clustersSuite(store: string, mongoUrl?: string): void {
  describe(`behavioural clusters over HTTP (${store})`, () => {
    let dataDir: string;
    let running: RunningApp;
    let position = 0;
    const groupOf = new Map<string, Group>();
    const as = (role: 'analyst' | 'channel' | 'auditor' | 'admin') => ({
      get: (path: string) => request(running.server).get(path).set(bearer(role)),
      post: (path: string, body: object) => request(running.server).post(path).set(bearer(role)).send(body),
    });

    beforeAll(async () => {
      dataDir = tempDataDir('clusters');
      running = await startHttpApp(dataDir, {
        clock: new ManualClock(new Date(NOW)),
        security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 },
        ...(mongoUrl ? { mongoUrl } : {}),
      });
      const send = async (path: string, body: object) => {
        const response = await as('channel').post(path, body).expect(201);
        position = Math.max(position, response.body.position as number);
      };
      for (const group of ['dormant', 'everyday', 'wealthy'] as const) {
        for (let i = 0; i < PER_GROUP; i++) {
          const id = `CL-${group}-${i}`;
          groupOf.set(id, group);
          const since = '2025-04-01T09:00:00Z';
          await send('/v1/customers', {
            customerId: id,
            customerType: 'individual',
            channel: 'web',
            assets: cny('1000.00'),
            riskProfile: 'C3',
            occurredAt: since,
          });
          await send(`/v1/customers/${id}/activation`, { product: 'savings', occurredAt: since });
          for (const [t, tx] of transactionsOf(group, i).entries())
            await send(`/v1/customers/${id}/transactions`, {
              transactionId: `${id}-t${t}`,
              amount: cny('100.00'),
              productCategory: tx.category,
              revenue: cny(tx.revenue),
              occurredAt: tx.at,
            });
          if (group === 'dormant')
            for (const c of [0, 1])
              await send(`/v1/customers/${id}/complaints`, {
                complaintId: `${id}-c${c}`,
                category: 'fees',
                severity: 'high',
                channel: 'web',
                occurredAt: '2025-05-01T09:00:00Z',
              });
          const csat = group === 'dormant' ? 1 : group === 'everyday' ? 4 : 5;
          await send(`/v1/customers/${id}/surveys`, {
            surveyId: `${id}-s`,
            csat,
            touchpoint: 'service',
            channel: 'web',
            occurredAt: '2026-04-02T09:00:00Z',
          });
        }
      }
      // The run reads the analytics read model as it is: wait until it has applied every command above.
      await as('analyst').get(`/v1/cohorts?minPosition=${position}`).expect(200);
    });
    afterAll(async () => {
      await running.close();
      removeDir(dataDir);
    });

    async function membersOf(runId: string, cluster: number): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `limit=4${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await as('analyst').get(`/v1/clusters/runs/${runId}/clusters/${cluster}/customers?${query}`).expect(200);
        ids.push(...(page.body.customers as { customerId: string }[]).map((c) => c.customerId));
        cursor = page.body.next as string | null;
      } while (cursor !== null);
      return ids;
    }

    it('finds k = 3 and puts every customer with its own group, one group per cluster; the same seed gives the same run', async () => {
      const first = (await as('analyst').post('/v1/clusters/runs', { kMin: 2, kMax: 6, seed: 7 }).expect(201)).body;
      expect(first).toMatchObject({ k: 3, kMin: 2, kMax: 6, seed: 7, customers: 3 * PER_GROUP });
      expect(first.silhouetteByK.map((s: { k: number }) => s.k)).toEqual([2, 3, 4, 5, 6]);
      expect(first.clusters.map((c: { size: number }) => c.size)).toEqual([PER_GROUP, PER_GROUP, PER_GROUP]);
      const groupsByCluster = await Promise.all(
        [0, 1, 2].map(async (n) => new Set((await membersOf(first.runId, n)).map((id) => groupOf.get(id)))),
      );
      expect(groupsByCluster.every((groups) => groups.size === 1)).toBe(true);
      expect(new Set(groupsByCluster.map((groups) => [...groups][0])).size).toBe(3);

      const again = (await as('analyst').post('/v1/clusters/runs', { kMin: 2, kMax: 6, seed: 7 }).expect(201)).body;
      expect(again.runId).not.toBe(first.runId);
      const { runId: _first, createdAt: _at, ...firstRun } = first;
      const { runId: _again, createdAt: _at2, ...againRun } = again;
      expect(againRun).toEqual(firstRun);
      for (const n of [0, 1, 2]) expect(await membersOf(again.runId, n)).toEqual(await membersOf(first.runId, n));

      expect((await as('analyst').get(`/v1/clusters/runs/${first.runId}`).expect(200)).body).toEqual(first);
      const listed = (await as('analyst').get('/v1/clusters/runs').expect(200)).body.runs as { runId: string }[];
      expect(listed.map((r) => r.runId).sort()).toEqual([first.runId, again.runId].sort());
      await as('analyst').get(`/v1/clusters/runs/${first.runId}/clusters/3/customers`).expect(404);
    });

    it('answers 409 too-few-customers when the book cannot fill kMin + 1 clusters', async () => {
      const response = await as('analyst').post('/v1/clusters/runs', { kMin: 19, kMax: 20 }).expect(409);
      expect(response.body.type).toContain('too-few-customers');
    });

    it('answers 404 for a run that does not exist', async () => {
      const response = await as('analyst').get('/v1/clusters/runs/run-20260101T000000-abcdef').expect(404);
      expect(response.body.type).toContain('cluster-run-not-found');
    });

    it.each([
      [{ kMin: 1 }, 'kMin'],
      [{ kMin: 5, kMax: 3 }, 'kMax'],
      [{ kMax: 21 }, 'kMax'],
      [{ seed: -1 }, 'seed'],
      [{ seed: '7' }, 'seed'],
      [{ k: 3 }, 'k'],
    ])('POST %j is refused with 400 naming %s', async (body, field) => {
      const response = await as('analyst').post('/v1/clusters/runs', body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it.each([
      ['/v1/clusters/runs/not-a-run', 'runId'],
      ['/v1/clusters/runs/run-20260101T000000-abcdef/clusters/x/customers', 'n'],
      ['/v1/clusters/runs?limit=0', 'limit'],
      ['/v1/clusters/runs?cursor=!!', 'cursor'],
    ])('GET %s is refused with 400 naming %s', async (path, field) => {
      const response = await as('analyst').get(path).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('is for analysts and admins only', async () => {
      for (const role of ['channel', 'auditor'] as const) {
        await as(role).post('/v1/clusters/runs', {}).expect(403);
        await as(role).get('/v1/clusters/runs').expect(403);
      }
      await as('admin').get('/v1/clusters/runs').expect(200);
      await request(running.server).get('/v1/clusters/runs').expect(401);
    });
  });
}

clustersSuite('embedded store');
describeWithServer('MONGO_URL', 'FerretDB', 'behavioural clusters on MongoDB', (url) =>
  clustersSuite('MongoDB', `${url.replace(/\/?$/, '/')}rapport_clusters_${randomBytes(4).toString('hex')}`),
);
