import { InMemoryEventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
import { fromScratch, snapshot } from './contract/compare';
import { appendAll } from './contract/event-store.helpers';
import { manyCustomersHistory } from './contract/history.fixture';
import { allProjections } from './projections/catalog';
import { Projector } from './projector';
import { rebuildProjections, type RebuildPhase } from './rebuild';
import { CHECKPOINTS, type Checkpoint } from './runtime/checkpoints';

const projections = allProjections();
const names = projections.map((p) => p.name);

describe('rebuilding projections', () => {
  let events: InMemoryEventStore;
  let store: EmbeddedReadModelStore;
  beforeEach(async () => {
    events = new InMemoryEventStore();
    store = EmbeddedReadModelStore.open(':memory:');
    await appendAll(events, manyCustomersHistory(6));
  });
  afterEach(async () => {
    await events.close();
    await store.close();
  });

  it('while a live projector runs and commands keep arriving, misses no event: after the swap it goes on from the rebuilt position', async () => {
    const live = new Projector(events, store, projections, { batchSize: 10, idleMs: 20 });
    live.start();
    let isWriting = true;
    const writer = (async () => {
      for (let round = 0; isWriting; round++) {
        await appendAll(
          events,
          manyCustomersHistory(1).map((e) => ({ ...e, data: { ...e.data, customerId: `w${round}-${e.data.customerId}` } }) as typeof e),
        );
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const before = (await store.get<Checkpoint>(CHECKPOINTS, 'kpis'))?.generation;
    const phases: RebuildPhase[] = [];
    const report = await rebuildProjections(events, store, store, projections, {
      batchSize: 50,
      flushEveryEvents: 200,
      onProgress: (phase) => phases.push(phase),
    });
    isWriting = false;
    await writer;
    const head = await events.headPosition();
    expect(await live.waitFor(names, head, 10_000)).toBe(true);
    await live.stop();

    expect(report.position).toBeGreaterThan(0);
    expect([...new Set(phases)]).toEqual(['filling', 'pausing', 'final-catch-up', 'swapping', 'done']);
    expect((await store.get<Checkpoint>(CHECKPOINTS, 'kpis'))?.generation).not.toBe(before);
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
    expect((await store.listCollections()).filter((name) => name.endsWith('__rebuild'))).toEqual([]);
  });

  it('with no live projector running, swaps in and leaves checkpoints a projector then goes on from', async () => {
    const report = await rebuildProjections(
      events,
      store,
      store,
      projections.filter((p) => p.name === 'loyalty'),
    );
    const checkpoint = await store.get<Checkpoint>(CHECKPOINTS, 'loyalty');
    expect(checkpoint?.position).toBe(report.position);
    expect(await store.get(CHECKPOINTS, 'loyalty#pause')).toBeNull();
    const later = await appendAll(
      events,
      manyCustomersHistory(1).map((e) => ({ ...e, data: { ...e.data, customerId: `x-${e.data.customerId}` } }) as typeof e),
    );
    const live = new Projector(events, store, projections, { idleMs: 20 });
    live.start();
    expect(await live.waitFor(names, later, 5000)).toBe(true);
    await live.stop();
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
  });

  it('reads back what it wrote once it has dropped its cache of documents, and gives the documents of a rebuild from scratch', async () => {
    await rebuildProjections(events, store, store, projections, { batchSize: 7, flushEveryEvents: 10, maxCachedDocuments: 3 });
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
  });

  it('gives up, lifts the pause and drops its fresh collections when a live projector does not pause in time', async () => {
    await store.write([
      {
        collection: CHECKPOINTS,
        writes: [
          {
            kind: 'put',
            document: { _id: 'loyalty', position: 0, generation: 'g', heartbeatAt: new Date().toISOString(), pausedFor: null },
            guard: { kind: 'insert' },
          },
        ],
      },
    ]);
    await expect(
      rebuildProjections(
        events,
        store,
        store,
        projections.filter((p) => p.name === 'loyalty'),
        { pauseTimeoutMs: 200 },
      ),
    ).rejects.toThrow('did not pause');
    expect(await store.get(CHECKPOINTS, 'loyalty#pause')).toBeNull();
    expect(await store.listCollections()).not.toContain('loyalty_accounts_v1__rebuild');
  });
});
