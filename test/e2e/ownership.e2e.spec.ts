import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { describeWithServer } from '../support/integration-server';
import { EmulatorStore } from '../support/esdb-emulator';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const OWNED_WORK = ['event-bus', 'projector'];

interface Roles {
  readonly http: { readonly status: string };
  readonly ingestion: { readonly status: string; readonly partitions: readonly number[] };
  readonly ownedWork: { readonly owned: readonly string[]; readonly following: readonly string[] };
}

async function rolesOf(app: RunningApp): Promise<Roles> {
  const response = await request(app.server).get('/health').expect(200);
  return (response.body as { roles: Roles }).roles;
}

/** Asks /health until `isDone` holds (a fact: a lease taken), for at most `timeoutMs`. */
async function rolesWhen(app: RunningApp, isDone: (roles: Roles) => boolean, timeoutMs = 20_000): Promise<Roles> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const roles = await rolesOf(app);
    if (isDone(roles) || Date.now() > deadline) return roles;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ownsAll = (roles: Roles) => [...roles.ownedWork.owned].sort().join() === OWNED_WORK.join();

describe('GET /health reports the roles of the instance (embedded store)', () => {
  let dir: string;
  let running: RunningApp;
  beforeAll(async () => {
    dir = tempDataDir('ownership');
    running = await startHttpApp(dir);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dir);
  });

  it('serves HTTP, has no Kafka consumer, and as the only process takes every lease', async () => {
    const roles = await rolesWhen(running, ownsAll);
    expect(roles).toEqual({
      http: { status: 'ready' },
      ingestion: { status: 'off', partitions: [] },
      ownedWork: { owned: expect.arrayContaining(OWNED_WORK), following: [] },
    });
  });
});

describeWithServer('MONGO_URL', 'FerretDB', 'two instances sharing one event store and one read-model database', (url) => {
  const database = `rapport_ownership_${randomBytes(4).toString('hex')}`;
  const mongoUrl = `${url.replace(/\/[^/]*$/, '')}/${database}`;
  const events = new EmulatorStore();
  const dirs = [tempDataDir('ownership-a'), tempDataDir('ownership-b')];
  let first: RunningApp | undefined;
  let second: RunningApp | undefined;
  afterAll(async () => {
    await second?.close();
    await first?.close();
    dirs.forEach(removeDir);
  });

  it('each piece of owned work is held by exactly one of them, and passes to the other when its owner stops', async () => {
    first = await startHttpApp(dirs[0] as string, { eventStore: { esdb: events }, mongoUrl });
    await rolesWhen(first, ownsAll);
    second = await startHttpApp(dirs[1] as string, { eventStore: { esdb: events }, mongoUrl });
    const follower = await rolesWhen(second, (roles) => roles.ownedWork.following.length === OWNED_WORK.length);
    expect(follower.ownedWork).toEqual({ owned: [], following: expect.arrayContaining(OWNED_WORK) });
    expect(follower.http.status).toBe('ready');

    await first.close();
    first = undefined;
    expect(ownsAll(await rolesWhen(second, ownsAll))).toBe(true);
  });
});
