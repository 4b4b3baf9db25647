import { resolve } from 'node:path';
import request from 'supertest';
import { policyFromEnvironment } from '../../apps/rapport/src/policy-file';
import { EVENT_STORES, eventStoreChoice, removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const EXAMPLE = resolve(__dirname, '..', '..', 'config', 'policies.example.json');

describe.each(EVENT_STORES)('events appended under a policy file on %s', (kind) => {
  let dataDir: string;
  let running: RunningApp;
  const http = () => request(running.server);

  beforeAll(async () => {
    dataDir = tempDataDir('policy-version');
    const policy = policyFromEnvironment({ RAPPORT_POLICY_FILE: EXAMPLE });
    running = await startHttpApp(dataDir, { eventStore: eventStoreChoice(kind), policy });
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('carry its version in their metadata, shown in history, and the chain still verifies', async () => {
    await http()
      .post('/v1/customers')
      .send({
        customerId: 'P-1',
        customerType: 'individual',
        channel: 'branch',
        assets: { amount: '1000.00', currency: 'CNY' },
        riskProfile: 'C2',
        occurredAt: '2026-01-05T09:00:00Z',
      })
      .expect(201);
    expect((await http().post('/v1/customers/P-1/activation').send({ product: 'savings-account' })).status).toBeLessThan(300);
    const history = (await http().get('/v1/customers/P-1/history').expect(200)).body.events as { metadata: Record<string, unknown> }[];
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.map((event) => event.metadata.policyVersion)).toEqual(history.map(() => '2026-12-example'));
    expect((await http().get('/v1/customers/P-1/history/verify').expect(200)).body).toEqual({ valid: true, events: history.length });
  });
});
