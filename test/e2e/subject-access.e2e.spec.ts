import request from 'supertest';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const personal = { name: 'Qian Subject', email: 'qian.subject@example.cn' };

describe('the subject-access export GET /v1/customers/{id}/personal-data (issue 14 item 4)', () => {
  let dataDir: string;
  let running: RunningApp;
  const http = () => request(running.server);
  const post = (path: string, body: object) => http().post(`/v1/customers${path}`).set(bearer('channel')).send(body).expect(201);

  beforeAll(async () => {
    dataDir = tempDataDir('subject-access');
    running = await startHttpApp(dataDir, { security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 } });
    await post('', {
      customerId: 'SA-1',
      customerType: 'individual',
      channel: 'web',
      assets: { amount: '5000.00', currency: 'CNY' },
      riskProfile: 'C1',
      personal,
    });
    await post('/SA-1/activation', { product: 'savings' });
    const { position } = (await post('/SA-1/churn', { reason: 'moved abroad with Qian family' })).body;
    await http().get(`/v1/customers/SA-1?minPosition=${position}`).set(bearer('analyst')).expect(200);
    await http().get('/v1/customers/SA-1/history').set(bearer('auditor')).expect(200);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('returns the profile, the personal and free-text fields of the events and the read-model views, all opened', async () => {
    const { body } = await http().get('/v1/customers/SA-1/personal-data').set(bearer('admin')).expect(200);
    expect(body.profile).toMatchObject({ status: 'churned', personal, churnReason: 'moved abroad with Qian family' });
    expect(body.events).toEqual([
      { revision: 0, type: 'CustomerAcquired', occurredAt: expect.any(String), fields: { personal } },
      { revision: 2, type: 'CustomerChurned', occurredAt: expect.any(String), fields: { reason: 'moved abroad with Qian family' } },
    ]);
    expect(body.readModels).toMatchObject({ summary: { customerId: 'SA-1', status: 'churned' }, loyalty: { customerId: 'SA-1' } });
  });

  it('is written to the access log, which the export itself shows', async () => {
    const { body } = await http().get('/v1/customers/SA-1/personal-data').set(bearer('admin')).expect(200);
    const vias = body.accessLog.map((entry: { actor: string; via: string }) => `${entry.actor} ${entry.via}`);
    expect(vias).toEqual([
      'test-auditor GET /v1/customers/:customerId/history',
      'test-admin GET /v1/customers/:customerId/personal-data',
      'test-admin GET /v1/customers/:customerId/personal-data',
    ]);
  });

  it('is refused to every other role, and answers 404 for an unknown customer', async () => {
    for (const role of ['channel', 'analyst', 'auditor'] as const)
      await http().get('/v1/customers/SA-1/personal-data').set(bearer(role)).expect(403);
    await http().get('/v1/customers/SA-404/personal-data').set(bearer('admin')).expect(404);
  });
});
