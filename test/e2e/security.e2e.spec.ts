import request from 'supertest';
import { ROLES, type Role } from '../../apps/rapport/src/security/roles';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

type Caller = Role | 'none';
type Rule = 'public' | readonly Role[];

/** Every route and who may use it (design.md §7). admin may use all; a route missing here fails the completeness test. */
const MATRIX: readonly { method: 'get' | 'post' | 'patch'; path: string; allowed: Rule }[] = [
  { method: 'post', path: '/v1/customers', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/activation', allowed: ['channel'] },
  { method: 'patch', path: '/v1/customers/{customerId}/profile', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/transactions', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/complaints', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/complaints/{complaintId}/escalation', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/complaints/{complaintId}/extension', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/complaints/{complaintId}/assignee', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/complaints/{complaintId}/stage', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/complaints/{complaintId}/resolution', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/surveys', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/redemptions', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/churn', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/reactivation', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/retention-actions', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/retention-actions/{actionId}/outcome', allowed: ['channel'] },
  { method: 'post', path: '/v1/customers/{customerId}/erasure', allowed: [] },
  { method: 'get', path: '/v1/customers/{customerId}/history', allowed: ['auditor'] },
  { method: 'get', path: '/v1/customers/{customerId}/history/verify', allowed: ['auditor'] },
  { method: 'get', path: '/v1/customers/{customerId}/state', allowed: ['auditor'] },
  { method: 'get', path: '/v1/customers/{customerId}/access-log', allowed: ['auditor'] },
  { method: 'get', path: '/v1/customers/{customerId}/personal-data', allowed: [] },
  { method: 'post', path: '/v1/audit/anchors', allowed: [] },
  { method: 'get', path: '/v1/audit/anchors', allowed: ['auditor'] },
  { method: 'get', path: '/v1/customers/{customerId}', allowed: ['analyst'] },
  { method: 'get', path: '/v1/segments', allowed: ['analyst'] },
  { method: 'get', path: '/v1/segments/{segment}/customers', allowed: ['analyst'] },
  { method: 'get', path: '/v1/loyalty/leaderboard', allowed: ['analyst'] },
  { method: 'get', path: '/v1/loyalty/tiers', allowed: ['analyst'] },
  { method: 'get', path: '/v1/signals', allowed: ['analyst'] },
  { method: 'get', path: '/v1/loyalty/{customerId}', allowed: ['analyst'] },
  { method: 'get', path: '/v1/satisfaction/trends', allowed: ['analyst'] },
  { method: 'get', path: '/v1/complaints', allowed: ['analyst'] },
  { method: 'get', path: '/v1/kpis', allowed: ['analyst'] },
  { method: 'get', path: '/v1/customers/{customerId}/segments/history', allowed: ['analyst'] },
  { method: 'get', path: '/v1/segments/migrations', allowed: ['analyst'] },
  { method: 'post', path: '/v1/reports', allowed: ['analyst'] },
  { method: 'get', path: '/v1/reports', allowed: ['analyst'] },
  { method: 'get', path: '/v1/reports/{id}', allowed: ['analyst'] },
  { method: 'get', path: '/v1/reports/{id}/reproduce', allowed: ['analyst'] },
  { method: 'get', path: '/v1/projections', allowed: ['analyst'] },
  { method: 'get', path: '/v1/customers', allowed: ['analyst'] },
  { method: 'get', path: '/v1/cohorts', allowed: ['analyst'] },
  { method: 'post', path: '/v1/clusters/runs', allowed: ['analyst'] },
  { method: 'get', path: '/v1/clusters/runs', allowed: ['analyst'] },
  { method: 'get', path: '/v1/clusters/runs/{runId}', allowed: ['analyst'] },
  { method: 'get', path: '/v1/clusters/runs/{runId}/clusters/{n}/customers', allowed: ['analyst'] },
  { method: 'get', path: '/v1/retention/worklist', allowed: ['analyst'] },
  { method: 'get', path: '/v1/me', allowed: ['channel', 'analyst', 'auditor'] },
  { method: 'get', path: '/health', allowed: 'public' },
  { method: 'get', path: '/metrics', allowed: [] },
];

const CALLERS: readonly Caller[] = ['none', ...ROLES];

function expectedStatus(rule: Rule, caller: Caller): 'passes' | 401 | 403 {
  if (rule === 'public' || caller === 'admin') return 'passes';
  if (caller === 'none') return 401;
  return rule.includes(caller) ? 'passes' : 403;
}

describe('access control: every route with every role and with no key', () => {
  let dataDir: string;
  let running: RunningApp;

  beforeAll(async () => {
    dataDir = tempDataDir('security');
    running = await startHttpApp(dataDir, { security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 } });
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('the matrix names every route the app serves', async () => {
    const { body } = await request(running.server).get('/docs-json').expect(200);
    const served = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(served.sort()).toEqual(MATRIX.map((r) => `${r.method} ${r.path}`).sort());
  });

  const cases = MATRIX.flatMap((route) => CALLERS.map((caller) => ({ ...route, caller, expected: expectedStatus(route.allowed, caller) })));

  it.each(cases)('$method $path as $caller: $expected', async ({ method, path, caller, expected }) => {
    const url = path
      .replace('{customerId}', 'M-1')
      .replace('{complaintId}', 'CMP-1')
      .replace('{actionId}', 'ACT-1')
      .replace('{segment}', 'individual.mass.C1.none.new')
      .replace('{id}', '0f8fad5b-d9cb-469f-a165-70867728950e')
      .replace('{runId}', 'run-20260101T000000-abcdef')
      .replace('{n}', '0');
    const call = request(running.server)
      [method](url)
      .set(caller === 'none' ? {} : bearer(caller));
    const response = method === 'get' ? await call.query({ asOf: '2026-01-01T00:00:00Z' }) : await call.send({});
    if (expected === 'passes') expect([401, 403]).not.toContain(response.status);
    else
      expect({ status: response.status, type: response.body.type }).toEqual({
        status: expected,
        type: expect.stringContaining(expected === 401 ? 'unauthorized' : 'forbidden'),
      });
  });

  it('an unknown key is 401 with a WWW-Authenticate challenge', async () => {
    const response = await request(running.server)
      .get('/v1/customers/M-1/history')
      .set('Authorization', 'Bearer rpk_not_a_key')
      .expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('sends security headers and no CORS header unless configured', async () => {
    const response = await request(running.server).get('/health').set('Origin', 'https://evil.example').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the console (npm run build) under a CSP of its own files only, and keeps the API at none', async () => {
    const page = await request(running.server).get('/console/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    const api = await request(running.server).get('/v1/me').set(bearer('analyst')).expect(200);
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers the API no-store and without an ETag, which no client could use; the console keeps its validators', async () => {
    const api = await request(running.server).get('/v1/me').set(bearer('analyst')).expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers.etag).toBeUndefined();
    const page = await request(running.server).get('/console/').expect(200);
    expect(page.headers.etag).toEqual(expect.any(String));
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await request(running.server)
      .post('/v1/customers')
      .set(bearer('channel'))
      .send({ customerId: 'X', channel: 'x'.repeat(70_000) });
    expect(response.status).toBe(413);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client spends its burst', async () => {
    const dataDir = tempDataDir('rate');
    const running = await startHttpApp(dataDir, {
      security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 5, rateLimitBurst: 5 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await request(running.server).get('/health')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const limited = await request(running.server).get('/health').expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await running.close();
      removeDir(dataDir);
    }
  });
});
