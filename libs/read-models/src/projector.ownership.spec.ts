import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
import { appendAll } from './contract/event-store.helpers';
import { manyCustomersHistory } from './contract/history.fixture';
import { allProjections } from './projections/catalog';
import { Projector } from './projector';
import { Lease } from './runtime/lease';
import { LEASES } from './read-model-store.port';
import { CHECKPOINTS } from './runtime/checkpoints';

const projections = allProjections();
const names = projections.map((p) => p.name);

describe('a projector that another process owns', () => {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-ownership-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("writes nothing, stands by, and answers waitFor once the owner's checkpoints reach the position (read-your-write on any instance)", async () => {
    const events = new InMemoryEventStore();
    const file = join(directory, 'read-models.sqlite');
    const [ownerStore, followerStore] = [EmbeddedReadModelStore.open(file), EmbeddedReadModelStore.open(file)];
    const lease = (store: EmbeddedReadModelStore, owner: string) => new Lease(store, 'projector', { owner, durationMs: 60_000 });
    const owner = new Projector(events, ownerStore, projections, { idleMs: 50, lease: lease(ownerStore, 'owner') });
    let followerWrites = 0;
    const write = followerStore.write.bind(followerStore);
    followerStore.write = (batch, fence) => {
      followerWrites += 1;
      return write(batch, fence);
    };
    // Idle for longer than the wait below: it must learn of the owner's progress while the reader waits, not at its next idle turn.
    const follower = new Projector(events, followerStore, projections, { idleMs: 30_000, lease: lease(followerStore, 'follower') });
    try {
      owner.start();
      expect(await owner.waitFor(names, await appendAll(events, manyCustomersHistory(1)), 5_000)).toBe(true);
      follower.start();
      const head = await appendAll(
        events,
        manyCustomersHistory(3).map((e) => ({ ...e, data: { ...e.data, customerId: `later-${e.data.customerId}` } }) as typeof e),
      );
      expect(await follower.waitFor(names, head, 5_000)).toBe(true);
      expect(follower.isOwner).toBe(false);
      expect(follower.status().map((s) => s.state)).toEqual(names.map(() => 'standby'));
      expect(followerWrites).toBe(0);
    } finally {
      await follower.stop();
      await owner.stop();
      await ownerStore.close();
      await followerStore.close();
      await events.close();
    }
  });
});

/**
 * An owner on a slow store: `slowDown` wraps one of the owner store's methods so that each call
 * moves the clock on and then lets a rival try to take the lease. The owner must keep renewing it.
 */
async function ownerOnASlowStore(
  directoryName: string,
  slowDown: (ownerStore: EmbeddedReadModelStore, elapse: (fraction: number) => Promise<void>) => void,
): Promise<{ rivalFences: unknown[]; lastErrors: unknown[] }> {
  const directory = mkdtempSync(join(tmpdir(), directoryName));
  const durationMs = 9_000;
  const clock = { now: Date.parse('2026-03-01T09:00:00Z'), read: () => new Date(clock.now) };
  const events = new InMemoryEventStore();
  const file = join(directory, 'read-models.sqlite');
  const [ownerStore, rivalStore] = [EmbeddedReadModelStore.open(file), EmbeddedReadModelStore.open(file)];
  const rival = new Lease(rivalStore, 'projector', { owner: 'rival', durationMs, clock: clock.read });
  const rivalFences: unknown[] = [];
  slowDown(ownerStore, async (fraction) => {
    clock.now += durationMs * fraction;
    const taken = await rival.hold();
    if (taken !== null) rivalFences.push(taken);
  });
  const lease = new Lease(ownerStore, 'projector', { owner: 'owner', durationMs, clock: clock.read });
  const owner = new Projector(events, ownerStore, projections, { idleMs: 50, clock: clock.read, lease });
  try {
    owner.start();
    expect(await owner.waitFor(names, await appendAll(events, manyCustomersHistory(3)), 10_000)).toBe(true);
    return { rivalFences, lastErrors: owner.status().map((s) => s.lastError) };
  } finally {
    await owner.stop();
    await ownerStore.close();
    await rivalStore.close();
    await events.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('an owner whose batch outlasts its lease duration (slow writes)', () => {
  it('renews the lease between its writes, so no other process takes it over mid-batch', async () => {
    const { rivalFences, lastErrors } = await ownerOnASlowStore('rapport-ownership-slow-', (ownerStore, elapse) => {
      const write = ownerStore.write.bind(ownerStore);
      // Every document or checkpoint write takes 0.6 of the lease duration.
      ownerStore.write = async (batch, fence) => {
        const result = await write(batch, fence);
        if (batch.some((writes) => writes.collection !== LEASES)) await elapse(0.6);
        return result;
      };
    });
    expect(rivalFences).toEqual([]);
    expect(lastErrors).toEqual(names.map(() => null));
  });
});

describe('an owner whose batch reads outlast its lease duration (slow reads)', () => {
  it('renews the lease between the reads of its projections, so no other process takes it over before the writes', async () => {
    const { rivalFences, lastErrors } = await ownerOnASlowStore('rapport-ownership-slow-reads-', (ownerStore, elapse) => {
      const getMany = ownerStore.getMany.bind(ownerStore);
      // Every read of documents takes 0.3 of the lease duration (a projection makes at most three).
      ownerStore.getMany = async (collection, ids) => {
        const found = await getMany(collection, ids);
        if (collection !== CHECKPOINTS) await elapse(0.3);
        return found as never;
      };
    });
    expect(rivalFences).toEqual([]);
    expect(lastErrors).toEqual(names.map(() => null));
  });
});
