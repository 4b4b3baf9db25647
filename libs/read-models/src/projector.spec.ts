import { InMemoryEventStore, type EventStore, type ReadAllOptions } from '@rapport/event-store';
import { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
import { fromScratch, snapshot } from './contract/compare';
import { appendAll } from './contract/event-store.helpers';
import { FaultyStore } from './contract/faulty-store';
import { manyCustomersHistory } from './contract/history.fixture';
import { allProjections } from './projections/catalog';
import { Projector } from './projector';
import { CHECKPOINTS, type Checkpoint } from './runtime/checkpoints';

const projections = allProjections();
const names = projections.map((p) => p.name);

/** Records where every readAll started, to show what a projector reads. */
function readsRecorded(inner: EventStore): { store: EventStore; starts: number[] } {
  const starts: number[] = [];
  const store = Object.create(inner) as EventStore;
  store.readAll = (options: ReadAllOptions) => {
    starts.push(options.afterPosition ?? 0);
    return inner.readAll(options);
  };
  return { store, starts };
}

describe('the live projector', () => {
  let events: InMemoryEventStore;
  let store: EmbeddedReadModelStore;
  let head: number;
  beforeEach(async () => {
    events = new InMemoryEventStore();
    store = EmbeddedReadModelStore.open(':memory:');
    head = await appendAll(events, manyCustomersHistory(4));
  });
  afterEach(async () => {
    await events.close();
    await store.close();
  });

  it('stores its checkpoint after each batch, and a restart carries on from it without reprocessing (unlike Emmett 0.42)', async () => {
    const faulty = new FaultyStore(store);
    const first = new Projector(events, faulty, projections, { batchSize: 7, idleMs: 50 });
    first.start();
    expect(await first.waitFor(names, head, 5000)).toBe(true);
    await first.stop();
    const checkpoints = await store.getMany<Checkpoint>(CHECKPOINTS, names);
    expect(names.map((name) => checkpoints.get(name)?.position)).toEqual(names.map(() => head));

    const recorded = readsRecorded(events);
    const writesBefore = faulty.writesSeen;
    const second = new Projector(recorded.store, faulty, projections, { batchSize: 7, idleMs: 50 });
    second.start();
    expect(await second.waitFor(names, head, 5000)).toBe(true);
    await second.stop();
    expect(Math.min(...recorded.starts)).toBe(head);
    expect(faulty.writesSeen - writesBefore).toBeLessThanOrEqual(names.length);
  });

  it('its first checkpoint is the end of the first batch, not the start', async () => {
    const firstSeven = await events.readAll({ maxCount: 7 });
    const projector = new Projector(events, store, projections, { batchSize: 7, idleMs: 50 });
    const seen: number[] = [];
    const inner = store.write.bind(store);
    store.write = async (batch) => {
      for (const c of batch)
        if (c.collection === CHECKPOINTS)
          for (const w of c.writes) if (w.kind === 'put' && w.document._id === 'kpis') seen.push(w.document.position);
      return inner(batch);
    };
    projector.start();
    await projector.waitFor(names, head, 5000);
    await projector.stop();
    expect(seen.filter((p) => p > 0)[0]).toBe(firstSeven.at(-1)?.position);
    expect(new Set(seen).size).toBeGreaterThan(3);
  });

  it('applies events appended while it runs', async () => {
    const projector = new Projector(events, store, projections, { idleMs: 5000 });
    projector.start();
    await projector.waitFor(names, head, 5000);
    const later = await appendAll(
      events,
      manyCustomersHistory(1).map((e) => ({ ...e, data: { ...e.data, customerId: `late-${e.data.customerId}` } }) as typeof e),
    );
    expect(await projector.waitFor(names, later, 2000)).toBe(true);
    await projector.stop();
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
  });

  it('after failures in the middle of its writes, resumes from the checkpoints and ends as a rebuild from scratch would', async () => {
    const faulty = new FaultyStore(store);
    const errors: string[] = [];
    faulty.failOnWrites(2, 3, 7, 12);
    const projector = new Projector(events, faulty, projections, {
      batchSize: 9,
      idleMs: 50,
      retryBaseMs: 5,
      logger: { error: (_m, d) => errors.push(String(d.error)) },
    });
    projector.start();
    expect(await projector.waitFor(names, head, 10_000)).toBe(true);
    await projector.stop();
    expect(errors.length).toBe(4);
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
  });

  it('waitFor answers false when the position is not reached in time', async () => {
    const projector = new Projector(events, store, projections, { idleMs: 50 });
    projector.start();
    expect(await projector.waitFor(names, head + 1000, 200)).toBe(false);
    await projector.stop();
  });
});
