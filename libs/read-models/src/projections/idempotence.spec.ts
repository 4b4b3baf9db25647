import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';
import { richHistory } from '../contract/history.fixture';
import { applyBatch, documentsOf, stored } from '../contract/projection-harness';
import type { ProjectedEvent } from './projected-event';
import { allProjections } from './catalog';
import type { Projection } from './projection';

/** style.md §6: applying the same event twice leaves the same documents, however the batches fall. */
describe.each(allProjections().map((projection) => [projection.name, projection] as const))(
  'the %s projection',
  (_name, projection: Projection) => {
    const events = stored(richHistory());
    const project = async (batches: readonly (readonly ProjectedEvent[])[]) => {
      const store = EmbeddedReadModelStore.open(':memory:');
      for (const batch of batches) await applyBatch(store, projection, batch);
      const documents = await documentsOf(store, projection);
      await store.close();
      return documents;
    };

    let once: Awaited<ReturnType<typeof project>>;
    beforeAll(async () => {
      once = await project([events]);
    });

    it('writes some documents for this history (so the comparisons below mean something)', () => {
      expect(Object.values(once).flat().length).toBeGreaterThan(0);
    });

    it('gives the same documents when every event comes twice in a batch', async () => {
      expect(await project([events.flatMap((e) => [e, e])])).toEqual(once);
    });

    it('gives the same documents when the whole history is applied again in a second batch', async () => {
      expect(await project([events, events])).toEqual(once);
    });

    it('gives the same documents one event per batch, each batch twice', async () => {
      expect(await project(events.flatMap((e) => [[e], [e]]))).toEqual(once);
    });

    it('gives the same documents when a replay restarts from an earlier position after a partial write', async () => {
      const half = Math.floor(events.length / 2);
      expect(await project([events.slice(0, half + 3), events.slice(half - 2)])).toEqual(once);
    });
  },
);
