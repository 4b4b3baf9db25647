import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { hashEvent } from '@rapport/audit';
import { AnchorsService } from '../../apps/rapport/src/core';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * Rewrites a whole stream behind Rapport's back, the way someone with the database file and the
 * code could: one amount changed, and every hash of the stream recomputed so the chain holds.
 */
function rewriteConsistently(dataDir: string, streamId: string, from: string, to: string): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as Row[];
  let previousHash: string | null = null;
  for (const row of rows) {
    const data = JSON.parse(row.data.replace(from, to)) as Record<string, unknown>;
    const metadata = { ...(JSON.parse(row.metadata) as Record<string, unknown>), previousHash };
    const hash = hashEvent({ id: row.event_id, streamId, revision: row.revision, type: row.type, data, metadata });
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify({ ...metadata, hash }),
      row.position,
    );
    previousHash = hash;
  }
  db.close();
}

describe('anchored tamper evidence (issue 14 item 5)', () => {
  let dataDir: string;
  let running: RunningApp;
  const security = { auth: 'enabled' as const, apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 };
  const http = () => request(running.server);
  const verify = async (id: string) => (await http().get(`/v1/customers/${id}/history/verify`).set(bearer('auditor')).expect(200)).body;
  const restart = async (change: () => void) => {
    await running.close();
    change();
    running = await startHttpApp(dataDir, { security });
  };

  beforeAll(async () => {
    dataDir = tempDataDir('anchors');
    running = await startHttpApp(dataDir, { security });
    for (const id of ['AN-1', 'AN-2']) {
      await http()
        .post('/v1/customers')
        .set(bearer('channel'))
        .send({
          customerId: id,
          customerType: 'individual',
          channel: 'web',
          assets: { amount: '5000.00', currency: 'CNY' },
          riskProfile: 'C1',
        })
        .expect(201);
      await http().post(`/v1/customers/${id}/activation`).set(bearer('channel')).send({ product: 'savings' }).expect(201);
    }
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('signs the head on demand, and says so when asked', async () => {
    expect(await verify('AN-1')).toEqual({ valid: true, events: 2 });
    const anchored = (await http().post('/v1/audit/anchors').set(bearer('admin')).expect(201)).body;
    // The two customers' streams and the access log of the verify above.
    expect(anchored).toMatchObject({ sequence: 0, streams: 3, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await http()
      .post('/v1/customers/AN-1/transactions')
      .set(bearer('channel'))
      .send({ transactionId: 't-1', amount: { amount: '10.00', currency: 'CNY' }, productCategory: 'funds' })
      .expect(201);
    expect((await http().post('/v1/audit/anchors').set(bearer('admin')).expect(201)).body).toMatchObject({ sequence: 1, streams: 1 });
    expect(await verify('AN-1')).toEqual({ valid: true, events: 3, anchors: { checked: 2 } });
    expect((await http().get('/v1/audit/anchors').set(bearer('auditor')).expect(200)).body).toMatchObject({
      verdict: { valid: true, anchors: 2 },
      newest: { sequence: 1 },
    });
  });

  it('reports a stream rewritten whole, every hash recomputed, which the hash chain alone does not', async () => {
    await restart(() => rewriteConsistently(dataDir, 'customer-AN-2', '"5000.00"', '"9000.00"'));
    const verdict = await verify('AN-2');
    expect(verdict).toEqual({
      valid: false,
      events: 2,
      anchors: { checked: 1, mismatch: { revision: 1, sequence: 0, reason: 'hash-mismatch' } },
    });
    expect(verdict).not.toHaveProperty('brokenAt');
    expect(await verify('AN-1')).toMatchObject({ valid: true });
    expect(await running.app.get(AnchorsService).verifyAll()).toEqual({
      verdict: { valid: true, anchors: 2 },
      streams: 3,
      broken: [{ streamId: 'customer-AN-2', anchor: { revision: 1, sequence: 0, reason: 'hash-mismatch' } }],
    });
  });

  it('state-as-of never keeps showing what a cached fold saw once the stored bytes before it changed', async () => {
    const state = async () =>
      (await http().get('/v1/customers/AN-1/state?asOf=2100-01-01T00:00:00Z').set(bearer('auditor')).expect(200)).body.state;
    expect((await state()).assets).toEqual({ amount: '5000.00', currency: 'CNY' });
    expect((await state()).assets).toEqual({ amount: '5000.00', currency: 'CNY' });
    rewriteConsistently(dataDir, 'customer-AN-1', '"5000.00"', '"7000.00"');
    expect((await state()).assets).toEqual({ amount: '7000.00', currency: 'CNY' });
  });

  it('reports an anchor file that was written to by anything but Rapport', async () => {
    await restart(() => appendFileSync(join(dataDir, 'anchors.ndjson'), '{"forged": true}\n'));
    expect(await verify('AN-1')).toMatchObject({ valid: false, anchors: { log: { sequence: 2, reason: 'unreadable' } } });
  });
});
