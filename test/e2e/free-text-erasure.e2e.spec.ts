import request from 'supertest';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';
import { storedBytes } from '../support/stored-bytes';

const FREE_TEXT = {
  escalation: 'Escalated: Mr Wang Free-Text was called a liar',
  resolution: 'Refunded to Mrs Zhou Free-Text personally',
  reward: 'Opera tickets for Zhao Free-Text family',
  churn: 'Moving in with Dr Liu Free-Text in Hangzhou',
  reactivation: 'Sister Sun Free-Text works here now',
};

describe('free text is sealed under the customer key and erased with it (issue 14 item 4)', () => {
  let dataDir: string;
  let running: RunningApp;
  const security = { auth: 'enabled' as const, apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 };
  const http = () => request(running.server);
  const post = (path: string, body: object) => http().post(`/v1/customers${path}`).set(bearer('channel')).send(body).expect(201);
  const history = async () =>
    (await http().get('/v1/customers/FT-1/history').set(bearer('auditor')).expect(200)).body.events as {
      type: string;
      data: Record<string, unknown>;
    }[];
  const freeTextOf = (events: { type: string; data: Record<string, unknown> }[]) =>
    events.flatMap(({ data }) => [data.reason, data.resolution, data.reward].filter((value) => value !== undefined));

  beforeAll(async () => {
    dataDir = tempDataDir('free-text');
    running = await startHttpApp(dataDir, { security });
    await post('', {
      customerId: 'FT-1',
      customerType: 'individual',
      channel: 'web',
      assets: { amount: '5000.00', currency: 'CNY' },
      riskProfile: 'C1',
    });
    await post('/FT-1/activation', { product: 'savings' });
    await post('/FT-1/transactions', {
      transactionId: 't-1',
      amount: { amount: '90000.00', currency: 'CNY' },
      productCategory: 'wealth-management',
    });
    await post('/FT-1/complaints', { complaintId: 'k-1', category: 'fees', severity: 'high', channel: 'branch' });
    await post('/FT-1/complaints/k-1/escalation', { reason: FREE_TEXT.escalation });
    await post('/FT-1/complaints/k-1/resolution', { resolution: FREE_TEXT.resolution });
    await post('/FT-1/redemptions', { redemptionId: 'r-1', points: 10, reward: FREE_TEXT.reward });
    await post('/FT-1/churn', { reason: FREE_TEXT.churn });
    await post('/FT-1/reactivation', { reason: FREE_TEXT.reactivation });
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('stores none of the free text in plaintext, and opens all of it for auditors', async () => {
    expect(freeTextOf(await history()).sort()).toEqual(Object.values(FREE_TEXT).sort());
    await running.close();
    const bytes = storedBytes(dataDir, 'sqlite');
    for (const text of Object.values(FREE_TEXT)) expect({ text, stored: bytes.includes(text) }).toEqual({ text, stored: false });
    running = await startHttpApp(dataDir, { security });
  });

  it('after erasure no free text is readable in the history, the read models or the stored bytes', async () => {
    await http().post('/v1/customers/FT-1/erasure').set(bearer('admin')).send({}).expect(201);
    const { position } = (await post('/FT-1/churn', { reason: 'Told us about Uncle Free-Text after erasure' })).body;

    const events = await history();
    expect(freeTextOf(events)).toEqual(Array(6).fill({ erased: true, erasedAt: expect.any(String) }));
    const asAnalyst = (path: string) =>
      http()
        .get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`)
        .set(bearer('analyst'))
        .expect(200);
    const views = [
      await asAnalyst('/v1/customers/FT-1'),
      await asAnalyst('/v1/complaints?status=resolved'),
      await asAnalyst('/v1/loyalty/FT-1'),
    ];
    expect(views[0].body).toMatchObject({ status: 'churned' });
    await running.close();
    const everything = Buffer.concat([storedBytes(dataDir, 'sqlite'), ...views.map((view) => Buffer.from(JSON.stringify(view.body)))]);
    expect(everything.includes('Free-Text')).toBe(false);
    running = await startHttpApp(dataDir, { security });
  });
});
