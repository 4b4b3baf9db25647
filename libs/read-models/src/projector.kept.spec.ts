import { InMemoryEventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
import { appendAll } from './contract/event-store.helpers';
import { manyCustomersHistory } from './contract/history.fixture';
import { allProjections } from './projections/catalog';
import { KPI_DAYS, type KpiDay } from './projections/kpis.projection';
import { Projector } from './projector';
import type { ReadDocument } from './read-model-store.port';
import { CHECKPOINTS, newGeneration, type Checkpoint } from './runtime/checkpoints';
import { Lease } from './runtime/lease';

const projections = allProjections();
const names = projections.map((p) => p.name);

/** The same customer lives again under other ids: every day document of the first copy gets the same counts once more. */
function renamedCopy(prefix: string) {
  return manyCustomersHistory(1).map((e) => ({ ...e, data: { ...e.data, customerId: `${prefix}-${e.data.customerId}` } }) as typeof e);
}

async function aDayWithAcquisitions(store: EmbeddedReadModelStore): Promise<KpiDay & ReadDocument> {
  const page = await store.find<KpiDay & ReadDocument>(KPI_DAYS, { limit: 1000 });
  const day = page.documents.find((d) => d.acquired > 0);
  if (day === undefined) throw new Error('the history acquires no customer');
  return day;
}

describe('the live projector keeps the documents of one batch for the next', () => {
  let events: InMemoryEventStore;
  let store: EmbeddedReadModelStore;
  beforeEach(() => {
    events = new InMemoryEventStore();
    store = EmbeddedReadModelStore.open(':memory:');
  });
  afterEach(async () => {
    await events.close();
    await store.close();
  });

  it('reads each document from the store once while nobody else writes', async () => {
    const reads: string[] = [];
    const getMany = store.getMany.bind(store);
    store.getMany = (collection, ids) => {
      if (collection !== CHECKPOINTS) reads.push(...ids.map((id) => `${collection}/${id}`));
      return getMany(collection, ids);
    };
    const projector = new Projector(events, store, projections, { batchSize: 7, idleMs: 50 });
    projector.start();
    expect(await projector.waitFor(names, await appendAll(events, manyCustomersHistory(4)), 5000)).toBe(true);
    await projector.stop();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((read, index) => reads.indexOf(read) !== index)).toEqual([]);
  });

  it('reads again what a rebuild swapped in: a new generation', async () => {
    const projector = new Projector(events, store, projections, { idleMs: 20 });
    projector.start();
    expect(await projector.waitFor(names, await appendAll(events, manyCustomersHistory(1)), 5000)).toBe(true);
    const day = await aDayWithAcquisitions(store);
    const kpis = await store.get<Checkpoint>(CHECKPOINTS, 'kpis');
    if (kpis === null) throw new Error('no KPI checkpoint');
    // What a swap by another process leaves: the day gone from the swapped-in collection, the checkpoint in a new generation.
    await store.write([
      { collection: KPI_DAYS, writes: [{ kind: 'delete', id: day._id }] },
      {
        collection: CHECKPOINTS,
        writes: [
          {
            kind: 'put',
            document: { ...kpis, generation: newGeneration() },
            guard: { kind: 'expect', field: 'generation', value: kpis.generation },
          },
        ],
      },
    ]);
    expect(await projector.waitFor(names, await appendAll(events, renamedCopy('again')), 5000)).toBe(true);
    await projector.stop();
    expect((await store.get<KpiDay & ReadDocument>(KPI_DAYS, day._id))?.acquired).toBe(day.acquired);
  });

  it('reads again what another owner wrote while it held the lease: a new token', async () => {
    let now = Date.parse('2026-06-01T00:00:00.000Z');
    const clock = () => new Date(now);
    const lease = (owner: string) => new Lease(store, 'projector', { owner, durationMs: 1000, clock });
    const projector = new Projector(events, store, projections, { idleMs: 20, lease: lease('a'), clock });
    projector.start();
    expect(await projector.waitFor(names, await appendAll(events, manyCustomersHistory(1)), 5000)).toBe(true);
    const day = await aDayWithAcquisitions(store);
    // The holding expires; another process takes the lease and, under its fence, leaves the day without its documents.
    now += 2000;
    const rival = await lease('b').hold();
    if (rival === null) throw new Error('the rival did not take the expired lease');
    expect((await store.write([{ collection: KPI_DAYS, writes: [{ kind: 'delete', id: day._id }] }], rival)).refused).toEqual([]);
    now += 2000;
    expect(await projector.waitFor(names, await appendAll(events, renamedCopy('again')), 5000)).toBe(true);
    await projector.stop();
    expect((await store.get<KpiDay & ReadDocument>(KPI_DAYS, day._id))?.acquired).toBe(day.acquired);
  });
});
