import fc from 'fast-check';
import request from 'supertest';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const money = { amount: '100.00', currency: 'CNY' };
/** A valid body per command endpoint; the properties mutate them and also send arbitrary JSON. */
const ENDPOINTS: readonly { method: 'post' | 'patch'; path: string; valid: Record<string, unknown> }[] = [
  {
    method: 'post',
    path: '/v1/customers',
    valid: { customerId: 'P-new', customerType: 'individual', channel: 'web', assets: money, riskProfile: 'C2' },
  },
  { method: 'post', path: '/v1/customers/P-1/activation', valid: { product: 'savings' } },
  { method: 'patch', path: '/v1/customers/P-1/profile', valid: { riskProfile: 'C3' } },
  { method: 'post', path: '/v1/customers/P-1/transactions', valid: { transactionId: 'T-x', amount: money, productCategory: 'cards' } },
  {
    method: 'post',
    path: '/v1/customers/P-1/complaints',
    valid: { complaintId: 'CMP-x', category: 'fees', severity: 'low', channel: 'web' },
  },
  { method: 'post', path: '/v1/customers/P-1/complaints/CMP-1/escalation', valid: { reason: 'slow' } },
  { method: 'post', path: '/v1/customers/P-1/complaints/CMP-1/resolution', valid: { resolution: 'refund' } },
  { method: 'post', path: '/v1/customers/P-1/surveys', valid: { surveyId: 'S-x', csat: 4, touchpoint: 'app', channel: 'web' } },
  { method: 'post', path: '/v1/customers/P-1/redemptions', valid: { redemptionId: 'R-x', points: 1, reward: 'gift' } },
  { method: 'post', path: '/v1/customers/P-1/churn', valid: { reason: 'moved' } },
  { method: 'post', path: '/v1/customers/P-1/reactivation', valid: {} },
  { method: 'post', path: '/v1/customers/P-1/erasure', valid: {} },
];

const nasty = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$where',
    '$gt',
    '',
    ' ',
    '\u0000',
    '💥',
    '1e309',
    'NaN',
    '-0',
    '../../etc/passwd',
    '<script>',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
);
const anyValue = fc.oneof(
  nasty,
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(nasty, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 4 }),
);

/** A valid body with one field replaced, removed, or an unknown one added; or any JSON at all. */
function bodies(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const replaced =
    keys.length === 0 ? fc.constant(valid) : fc.tuple(fc.constantFrom(...keys), anyValue).map(([k, v]) => ({ ...valid, [k]: v }));
  const removed =
    keys.length === 0
      ? fc.constant(valid)
      : fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k)));
  const extra = fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), anyValue)
    .filter(([k]) => !keys.includes(k) && k !== 'occurredAt')
    .map(([k, v]) => ({ ...valid, [k]: v }));
  const badTime = anyValue.filter((v) => typeof v !== 'undefined').map((v) => ({ ...valid, occurredAt: v }));
  return fc.oneof(replaced, removed, extra, badTime, fc.jsonValue({ maxDepth: 5 }));
}

describe('adversarial input to every command endpoint', () => {
  let dataDir: string;
  let running: RunningApp;
  // Events the requests caused: the service's own (a saga assessing churn risk after an earlier accepted command) may land at any time.
  const eventCount = async () => {
    const total = async (id: string) =>
      (
        ((await request(running.server).get(`/v1/customers/${id}/history`)).body.events ?? []) as { metadata: { channel: string } }[]
      ).filter((event) => event.metadata.channel !== 'saga' && event.metadata.channel !== 'sweep').length;
    return (await total('P-1')) + (await total('P-new'));
  };

  beforeAll(async () => {
    dataDir = tempDataDir('adversarial');
    running = await startHttpApp(dataDir);
    await request(running.server)
      .post('/v1/customers')
      .send({ customerId: 'P-1', customerType: 'corporate', channel: 'web', assets: money, riskProfile: 'C1' })
      .expect(201);
    await request(running.server).post('/v1/customers/P-1/activation').send({ product: 'current-account' }).expect(201);
    await request(running.server)
      .post('/v1/customers/P-1/complaints')
      .send({ complaintId: 'CMP-1', category: 'fees', severity: 'high', channel: 'web' })
      .expect(201);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it.each(ENDPOINTS)('$method $path: never a 500, and a rejected body appends nothing', async ({ method, path, valid }) => {
    await fc.assert(
      fc.asyncProperty(bodies(valid), async (body) => {
        const before = await eventCount();
        const response = await request(running.server)[method](path).set('content-type', 'application/json').send(JSON.stringify(body));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          expect(await eventCount()).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('non-object JSON bodies are rejected with 400 and append nothing', async () => {
    for (const raw of ['[]', '[1,2]', '"text"', '42', 'null', 'true', '{"a":', '\u0000']) {
      const before = await eventCount();
      const response = await request(running.server).post('/v1/customers/P-1/surveys').set('content-type', 'application/json').send(raw);
      expect({ raw, status: response.status }).toEqual({ raw, status: 400 });
      expect(await eventCount()).toBe(before);
    }
  });
});
