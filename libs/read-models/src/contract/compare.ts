import type { EventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';
import type { Projection } from '../projections/projection';
import type { ReadDocument, ReadModelStore } from '../read-model-store.port';
import { Projector } from '../projector';
import { allDocuments } from './projection-harness';

/** Every collection of the projections, document for document. */
export async function snapshot(store: ReadModelStore, projections: readonly Projection[]): Promise<Record<string, ReadDocument[]>> {
  const names = projections.flatMap((p) => p.collections.map((c) => c.name));
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await allDocuments(store, name)] as const)));
}

/** What a rebuild from scratch of these events gives, on a private embedded store. */
export async function fromScratch(events: EventStore, projections: readonly Projection[]): Promise<Record<string, ReadDocument[]>> {
  const store = EmbeddedReadModelStore.open(':memory:');
  await new Projector(events, store, projections, { exclusive: { names: (c) => c } }).catchUp();
  const documents = await snapshot(store, projections);
  await store.close();
  return documents;
}
