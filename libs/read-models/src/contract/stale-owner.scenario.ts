import { InMemoryEventStore } from '@rapport/event-store';
import { allProjections } from '../projections/catalog';
import { Projector } from '../projector';
import { LEASES, type CollectionWrites, type Fence, type ReadModelStore, type WriteResult } from '../read-model-store.port';
import { CHECKPOINTS } from '../runtime/checkpoints';
import { holdingId, Lease } from '../runtime/lease';
import { fromScratch, snapshot } from './compare';
import { appendAll } from './event-store.helpers';
import { manyCustomersHistory } from './history.fixture';
import type { StoreUnderTest } from './read-model-store.fixtures';

const LEASE_MS = 1_000;
const projections = allProjections();
const names = projections.map((p) => p.name);

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A process whose first write of projection documents stops until `resume`: it has read its batch
 * and holds the lease, as an owner would that the OS paused (or a long GC) mid-batch. It records
 * what the store answered to each write made after it resumed.
 */
function pausedMidBatch(inner: ReadModelStore) {
  const paused = deferred();
  const resumed = deferred();
  const answeredAfterResume: WriteResult[] = [];
  let phase: 'running' | 'paused' | 'resumed' = 'running';
  const store: ReadModelStore = {
    get: (collection, id) => inner.get(collection, id),
    getMany: (collection, ids) => inner.getMany(collection, ids),
    find: (collection, query) => inner.find(collection, query),
    write: async (batch: readonly CollectionWrites[], fence?: Fence) => {
      const isDocuments = batch.some((c) => c.collection !== CHECKPOINTS && c.collection !== LEASES);
      if (phase === 'running' && isDocuments) {
        phase = 'paused';
        paused.resolve();
        await resumed.promise;
        phase = 'resumed';
      }
      const result = await inner.write(batch, fence);
      if (phase === 'resumed') answeredAfterResume.push(result);
      return result;
    },
  };
  return { store, paused: paused.promise, resume: () => resumed.resolve(), answeredAfterResume };
}

/**
 * Issue 16's fenced stale owner, on any store: two processes (two store connections) run the same
 * projector under one lease; the first pauses mid-batch, its lease expires, the second takes over
 * and projects everything; the first resumes and every write it then makes is refused.
 */
export function staleOwnerScenario(name: string, open: () => Promise<StoreUnderTest>): void {
  it(`${name}: a paused owner that resumes after its lease passed to another writes nothing`, async () => {
    const events = new InMemoryEventStore();
    const head = await appendAll(events, manyCustomersHistory(4));
    const clock = { now: Date.parse('2026-03-01T09:00:00Z') };
    const read = () => new Date(clock.now);
    const [firstStore, secondStore] = [await open(), await open()];
    const first = pausedMidBatch(firstStore);
    const failures = deferred<string>();
    const lease = (store: ReadModelStore, owner: string) => new Lease(store, 'projector', { owner, durationMs: LEASE_MS, clock: read });
    const firstProjector = new Projector(events, first.store, projections, {
      idleMs: 50,
      retryBaseMs: 5,
      clock: read,
      lease: lease(first.store, 'first'),
      logger: { error: (_message, details) => failures.resolve(String(details.error)) },
    });
    const secondProjector = new Projector(events, secondStore, projections, {
      idleMs: 50,
      clock: read,
      lease: lease(secondStore, 'second'),
    });
    try {
      firstProjector.start();
      await first.paused;
      clock.now += LEASE_MS;
      secondProjector.start();
      expect(await secondProjector.waitFor(names, head, 10_000)).toBe(true);
      const documentsBySecond = await snapshot(secondStore, projections);
      const checkpointsBySecond = await secondStore.getMany(CHECKPOINTS, names);

      first.resume();
      expect(await failures.promise).toMatch(/another writer changed/);
      await firstProjector.stop();

      expect(first.answeredAfterResume.length).toBeGreaterThan(0);
      expect(first.answeredAfterResume.map((answer) => answer.applied)).toEqual(first.answeredAfterResume.map(() => 0));
      expect(await snapshot(secondStore, projections)).toEqual(documentsBySecond);
      expect(documentsBySecond).toEqual(await fromScratch(events, projections));
      expect(await secondStore.getMany(CHECKPOINTS, names)).toEqual(checkpointsBySecond);
      expect([...checkpointsBySecond.values()].map((checkpoint) => checkpoint.position)).toEqual(names.map(() => head));
      expect(await secondStore.get(LEASES, holdingId('projector', 2))).toMatchObject({ owner: 'second', token: 2 });
    } finally {
      await firstProjector.stop();
      await secondProjector.stop();
      await firstStore.close();
      await secondStore.close();
      await events.close();
    }
  });
}
