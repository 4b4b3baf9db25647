import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { describeWithServer } from '../support/integration-server';
import { EmulatorStore } from '../support/esdb-emulator';
import { LEASES, MongoReadModelStore, type LeaseDocument } from '@rapport/read-models';
import { EventBusFeed } from '../../apps/rapport/src/projections/event-bus-feed';
import { ProjectorHost } from '../../apps/rapport/src/projections/projector-host';
import { OwnedWork } from '../../apps/rapport/src/ownership/owned-work';
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

/** Waits until every handler of the instance's projector and event feed has looked at its lease and found another owner. */
async function standingBy(app: RunningApp, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const states = () => [...app.app.get(ProjectorHost).status(), ...app.app.get(EventBusFeed).status()].map((s) => s.state);
  while (!states().every((state) => state === 'standby') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return states().every((state) => state === 'standby');
}

const ownsAll = (roles: Roles) => OWNED_WORK.every((name) => roles.ownedWork.owned.includes(name));

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
    expect(await standingBy(second)).toBe(true);
    const follower = await rolesOf(second);
    expect(follower.ownedWork).toEqual({ owned: [], following: expect.arrayContaining(OWNED_WORK) });
    expect(follower.http.status).toBe('ready');
    const leases = await MongoReadModelStore.connect(mongoUrl);
    const holdings = (await leases.find<LeaseDocument>(LEASES, { limit: 10 })).documents;
    await leases.close();
    expect(
      holdings
        .filter((h) => OWNED_WORK.includes(h.lease))
        .map((h) => [h.lease, h.owner, h.token])
        .sort(),
    ).toEqual(OWNED_WORK.map((name) => [name, first?.app.get(OwnedWork).owner, 1]));

    await first.close();
    first = undefined;
    expect(ownsAll(await rolesWhen(second, ownsAll))).toBe(true);
  });
});
