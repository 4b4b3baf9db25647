import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { bearer, KEY_RECORDS, KEYS } from '../support/api-keys.fixture';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const run = promisify(execFile);
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'rapport-cli', 'src', 'main.js');
const personal = {
  name: 'Chen Xiaoming Erasable',
  nationalId: 'ERASE110101',
  phone: '+86 137 0000 1111',
  email: 'chen.erasable@example.cn',
};

describe('erasure by crypto-shredding', () => {
  let dataDir: string;
  let running: RunningApp;
  let backupFile: string;
  const security = { auth: 'enabled' as const, apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 };
  const http = () => request(running.server);
  const asAuditor = (path: string) => http().get(path).set(bearer('auditor'));
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, RAPPORT_API_KEYS: keysEnv(), RAPPORT_API_KEY: KEYS.auditor },
    });

  beforeAll(async () => {
    dataDir = tempDataDir('erasure');
    backupFile = join(tempDataDir('erasure-backup'), 'events.sqlite');
    running = await startHttpApp(dataDir, { security });
    await http()
      .post('/v1/customers')
      .set(bearer('channel'))
      .send({
        customerId: 'E-1',
        customerType: 'individual',
        channel: 'web',
        assets: { amount: '5000.00', currency: 'CNY' },
        riskProfile: 'C1',
        personal,
      })
      .expect(201);
    await http()
      .post('/v1/customers')
      .set(bearer('channel'))
      .send({
        customerId: 'E-2',
        customerType: 'individual',
        channel: 'web',
        assets: { amount: '1.00', currency: 'CNY' },
        riskProfile: 'C1',
        personal: { email: personal.name },
      })
      .expect(400);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('before erasure the auditor sees the personal data, over HTTP and in the CLI', async () => {
    expect((await asAuditor('/v1/customers/E-1/history').expect(200)).body.events[0].data.personal).toEqual(personal);
    expect((await asAuditor('/v1/customers/E-1/state?asOf=2100-01-01T00:00:00Z').expect(200)).body.state.personal).toEqual(personal);
    expect((await cli('audit', 'history', 'E-1')).stdout).toContain(personal.name);
  });

  it('after erasure no route, CLI command or store byte yields it, and the history still verifies', async () => {
    await running.close();
    copyFileSync(join(dataDir, 'events.sqlite'), backupFile);
    running = await startHttpApp(dataDir, { security });
    const erased = await http().post('/v1/customers/E-1/erasure').set(bearer('admin')).send({}).expect(201);
    expect(erased.body.events).toEqual(['PersonalDataErased']);

    const history = (await asAuditor('/v1/customers/E-1/history').expect(200)).body;
    expect(history.events[0].data.personal).toEqual({ erased: true, erasedAt: expect.any(String) });
    const state = (await asAuditor('/v1/customers/E-1/state?asOf=2100-01-01T00:00:00Z').expect(200)).body;
    expect(JSON.stringify(state)).not.toContain(personal.name);
    expect((await cli('audit', 'history', 'E-1')).stdout).not.toContain(personal.name);
    expect((await cli('audit', 'state', 'E-1', '--as-of', '2100-01-01T00:00:00Z')).stdout).not.toContain(personal.email);
    expect((await asAuditor('/v1/customers/E-1/history/verify').expect(200)).body).toEqual({ valid: true, events: 2 });
    await http().post('/v1/customers/E-1/erasure').set(bearer('admin')).send({}).expect(409);

    await running.close();
    const bytes = Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
    for (const value of Object.values(personal)) expect({ value, found: bytes.includes(value) }).toEqual({ value, found: false });
    running = await startHttpApp(dataDir, { security });
  });

  it('a backup of the event store taken before erasure no longer opens either', async () => {
    const restoredDir = tempDataDir('erasure-restored');
    copyFileSync(backupFile, join(restoredDir, 'events.sqlite'));
    for (const file of ['keys.sqlite', 'master.key']) copyFileSync(join(dataDir, file), join(restoredDir, file));
    const restored = await startHttpApp(restoredDir, { security });
    try {
      const { body } = await request(restored.server).get('/v1/customers/E-1/history').set(bearer('auditor')).expect(200);
      expect(body.events.map((e: { type: string }) => e.type)).toEqual(['CustomerAcquired']);
      expect(body.events[0].data.personal).toEqual({ erased: true, erasedAt: expect.any(String) });
    } finally {
      await restored.close();
      removeDir(restoredDir);
    }
  });

  it('the access log records every read of the customer', async () => {
    const { body } = await asAuditor('/v1/customers/E-1/access-log').expect(200);
    const vias = body.entries.map((e: { via: string; actor: string }) => `${e.actor} ${e.via}`);
    expect(vias).toEqual(
      expect.arrayContaining([
        'test-auditor GET /v1/customers/:customerId/history',
        'test-auditor cli audit history',
        'test-auditor cli audit state',
      ]),
    );
  });
});

function keysEnv(): string {
  return KEY_RECORDS.map((r) => `${r.name}:${r.role}:${r.sha256}`).join(',');
}
