import { InMemoryEventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
import { fromScratch, snapshot } from './contract/compare';
import { appendAll } from './contract/event-store.helpers';
import { manyCustomersHistory } from './contract/history.fixture';
import { allProjections } from './projections/catalog';
import type { Projection } from './projections/projection';
import { Projector } from './projector';
import { rebuildProjections } from './rebuild';
import { segmentsOfShape } from '../../../test/support/segments-of-shape';
import { CHECKPOINTS, type Checkpoint } from './runtime/checkpoints';

const projections = allProjections();
const names = projections.map((p) => p.name);
const others = names.filter((name) => name !== 'segments');

describe('a live projector on a store written by an earlier shape of a projection', () => {
  let events: InMemoryEventStore;
  let store: EmbeddedReadModelStore;
  let head: number;
  beforeEach(async () => {
    events = new InMemoryEventStore();
    store = EmbeddedReadModelStore.open(':memory:');
    head = await appendAll(events, manyCustomersHistory(3));
    const earlier = new Projector(events, store, projections, { idleMs: 20 });
    earlier.start();
    await earlier.waitFor(names, head, 10_000);
    await earlier.stop();
  });
  afterEach(async () => {
    await events.close();
    await store.close();
  });

  function upgrading(rebuilt: string[][]): Projector {
    return new Projector(events, store, projections, {
      idleMs: 20,
      rebuildOutdated: (outdated: readonly Projection[], signal) => {
        rebuilt.push(outdated.map((p) => p.name));
        return rebuildProjections(events, store, store, outdated, { signal });
      },
    });
  }

  it('rebuilds that projection alone, by itself, and records the shape; its position counts as 0 until then', async () => {
    await segmentsOfShape(store, undefined);
    const kpisGeneration = (await store.get<Checkpoint>(CHECKPOINTS, 'kpis'))?.generation;
    const rebuilt: string[][] = [];
    const live = upgrading(rebuilt);
    live.start();
    expect(await live.waitFor(names, head, 10_000)).toBe(true);
    await live.stop();

    expect(rebuilt).toEqual([['segments']]);
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
    expect(await store.get<Checkpoint>(CHECKPOINTS, 'segments')).toMatchObject({ position: head, shapeVersion: 2 });
    expect((await store.get<Checkpoint>(CHECKPOINTS, 'kpis'))?.generation).toBe(kpisGeneration);
  });

  it('without a way to rebuild, leaves it outdated at position 0 and the documents as they are, while the others go on', async () => {
    await segmentsOfShape(store, 1);
    const before = await snapshot(store, projections);
    const live = new Projector(events, store, projections, { idleMs: 20 });
    live.start();
    expect(await live.waitFor(others, head, 10_000)).toBe(true);
    const segments = live.status().find((status) => status.name === 'segments');
    await live.stop();

    expect(segments).toMatchObject({ state: 'outdated', position: 0, lag: head });
    expect(live.outdated()).toEqual(['segments']);
    expect(await snapshot(store, projections)).toEqual(before);
  });

  it('does not rebuild a projection whose stored shape is newer than the code (a rollback): it stays outdated', async () => {
    await segmentsOfShape(store, 3);
    const rebuilt: string[][] = [];
    const live = upgrading(rebuilt);
    live.start();
    expect(await live.waitFor(others, head, 10_000)).toBe(true);
    await live.stop();

    expect(rebuilt).toEqual([]);
    expect(live.outdated()).toEqual(['segments']);
    expect(await store.get<Checkpoint>(CHECKPOINTS, 'segments')).toMatchObject({ shapeVersion: 3 });
  });
});
