import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, tempDataDir } from '../support/http-app.harness';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'rapport-cli', 'src', 'main.js');
const FILE_RELOADED = /API keys reloaded \(keys file changed\)/g;

interface KeyRow {
  readonly name: string;
  readonly role: string;
  readonly status: string;
  readonly expiresAt: string | null;
}

/** Key management end to end: the built CLI changes the keys file while the built service runs. */
describe('API keys managed by the CLI while the service runs', () => {
  let dataDir: string;
  let service: ServiceProcess;
  let reloads = 0;
  const keys = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'keys', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, RAPPORT_API_KEYS: '' },
      encoding: 'utf8',
    });
  const created = (...args: string[]) => {
    const run = keys(...args);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    return run.stdout.trim();
  };
  const listed = () => JSON.parse(keys('list', '--json').stdout) as KeyRow[];
  const segmentsStatus = async (key: string) =>
    (await fetch(`${service.url}/v1/segments`, { headers: { Authorization: `Bearer ${key}` } })).status;
  /** The service logs each reload of a changed file: the fact a step waits for before using its keys. */
  const reloaded = () => waitForOutput(service, FILE_RELOADED, ++reloads);

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    dataDir = tempDataDir('api-keys');
    service = await startServiceProcess({ DATA_DIR: dataDir, RAPPORT_AUTH: 'enabled', RAPPORT_API_KEYS: '', SQLITE_SYNCHRONOUS: 'NORMAL' });
  });
  afterAll(async () => {
    await service?.kill('SIGTERM');
    removeDir(dataDir);
  });

  it('a first start with no key makes an admin key and shows it once, in the service log', async () => {
    const bootstrap = /Made an admin key, shown this once: (rpk_[\w-]+)/.exec(service.output())?.[1] ?? '';
    expect(bootstrap).toMatch(/^rpk_/);
    expect((await fetch(`${service.url}/v1/customers/NOBODY/history`, { headers: { Authorization: `Bearer ${bootstrap}` } })).status).toBe(
      404,
    );
    expect(listed()).toEqual([expect.objectContaining({ name: 'bootstrap-admin', role: 'admin', status: 'active' })]);
  });

  it('create: a new key works without a restart; an existing name is refused unless --replace', async () => {
    const key = created('create', '--name', 'reports', '--role', 'analyst');
    await reloaded();
    expect(await segmentsStatus(key)).toBe(200);

    const again = keys('create', '--name', 'reports', '--role', 'analyst');
    expect({ status: again.status, stdout: again.stdout, stderr: again.stderr.trim() }).toEqual({
      status: 1,
      stdout: '',
      stderr: 'rapport: a key named reports exists; rotate it, or pass --replace to make a new one in its place',
    });

    const replacement = created('create', '--name', 'reports', '--role', 'analyst', '--replace');
    await reloaded();
    expect(await segmentsStatus(key)).toBe(401);
    expect(await segmentsStatus(replacement)).toBe(200);
  });

  it('rotate: the old secret is refused at once, the new one accepted, name and role kept', async () => {
    const before = created('create', '--name', 'dashboards', '--role', 'analyst', '--expires', '30d');
    await reloaded();
    const after = created('rotate', '--name', 'dashboards');
    await reloaded();
    expect(await segmentsStatus(before)).toBe(401);
    expect(await segmentsStatus(after)).toBe(200);
    expect(listed().filter((row) => row.name === 'dashboards')).toEqual([
      expect.objectContaining({ role: 'analyst', status: 'active', expiresAt: expect.any(String) }),
    ]);
  });

  it('revoke: the key is refused and listed as revoked; it cannot be rotated back', async () => {
    const key = created('create', '--name', 'temp-analyst', '--role', 'analyst');
    await reloaded();
    expect(keys('revoke', '--name', 'temp-analyst').status).toBe(0);
    await reloaded();
    expect(await segmentsStatus(key)).toBe(401);
    expect(listed().find((row) => row.name === 'temp-analyst')).toEqual(expect.objectContaining({ status: 'revoked' }));
    const rotate = keys('rotate', '--name', 'temp-analyst');
    expect({ status: rotate.status, stderr: rotate.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('was revoked at') });
  });

  it('expiry: a key is refused once its expiry has passed, and listed as expired', async () => {
    const key = created('create', '--name', 'short-lived', '--role', 'analyst', '--expires', '2s');
    await reloaded();
    const expiresAt = Date.parse(listed().find((row) => row.name === 'short-lived')?.expiresAt ?? '');
    await untilClockPasses(expiresAt);
    expect(await segmentsStatus(key)).toBe(401);
    expect(listed().find((row) => row.name === 'short-lived')).toEqual(expect.objectContaining({ status: 'expired' }));

    const past = keys('create', '--name', 'already-over', '--role', 'analyst', '--expires', '2020-01-01T00:00:00Z');
    expect({ status: past.status, stderr: past.stderr.trim() }).toEqual({
      status: 1,
      stderr: 'rapport: --expires 2020-01-01T00:00:00Z is not in the future',
    });
  });

  it('SIGHUP reloads the keys instead of ending the service', async () => {
    const key = created('create', '--name', 'after-hangup', '--role', 'analyst');
    await reloaded();
    service.child.kill('SIGHUP');
    await waitForOutput(service, /API keys reloaded \(SIGHUP\)/g, 1);
    expect(service.child.exitCode).toBeNull();
    expect(await segmentsStatus(key)).toBe(200);
  });
});

/** Resolves once the service's output holds `count` matches of `pattern`. */
function waitForOutput(service: ServiceProcess, pattern: RegExp, count: number): Promise<void> {
  const seen = () => (service.output().match(pattern) ?? []).length >= count;
  if (seen()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!seen()) return;
      stop();
      resolve();
    };
    const exited = () => {
      stop();
      reject(new Error(`service exited while waiting for ${pattern}:\n${service.output()}`));
    };
    const stop = () => {
      service.child.stdout?.off('data', check);
      service.child.stderr?.off('data', check);
      service.child.off('exit', exited);
    };
    service.child.stdout?.on('data', check);
    service.child.stderr?.on('data', check);
    service.child.once('exit', exited);
  });
}

/** Expiry is judged against the clock, so this waits for the clock itself to pass the instant. */
async function untilClockPasses(instant: number): Promise<void> {
  while (Date.now() <= instant) await new Promise((resolve) => setTimeout(resolve, instant - Date.now() + 1));
}
