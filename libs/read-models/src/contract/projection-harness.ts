import type { CustomerEvent } from '@rapport/customer-domain';
import { instantOf, type ProjectedEvent } from '../projections/projected-event';
import type { Projection } from '../projections/projection';
import type { ReadDocument, ReadModelStore } from '../read-model-store.port';
import { applyEvents } from '../runtime/apply-events';
import { DocumentSet } from '../runtime/document-set';
import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';

/**
 * Events as the store would hand them out: positions rise by 10 from `firstPosition` (positions are
 * not contiguous), revisions count per customer from 0.
 */
export function stored(events: readonly CustomerEvent[], firstPosition = 10): ProjectedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((event, index) => {
    const customerId = event.data.customerId;
    const revision = (revisions.get(customerId) ?? -1) + 1;
    revisions.set(customerId, revision);
    return {
      ...event,
      customerId,
      eventId: `e-${index}`,
      revision,
      position: firstPosition + index * 10,
      at: instantOf(event.data.occurredAt),
    } as ProjectedEvent;
  });
}

/** Applies events as one projector batch would: documents, then states, each written once. */
export async function applyBatch(store: ReadModelStore, projection: Projection, events: readonly ProjectedEvent[]): Promise<void> {
  const documents = new DocumentSet();
  await applyEvents(store, documents, projection, events, (collection) => collection);
  for (const collections of [projection.documents.map((r) => r.collection), projection.state ? [projection.state.collection] : []]) {
    const writes = documents.takeWrites(collections);
    if (writes.length > 0) await store.write(writes);
  }
}

/** Every document of every collection of the projection, by collection, in id order. */
export async function documentsOf(store: ReadModelStore, projection: Projection): Promise<Record<string, readonly ReadDocument[]>> {
  const entries = await Promise.all(projection.collections.map(async ({ name }) => [name, await allDocuments(store, name)] as const));
  return Object.fromEntries(entries);
}

export async function allDocuments(store: ReadModelStore, collection: string): Promise<ReadDocument[]> {
  const documents: ReadDocument[] = [];
  let after: string | undefined;
  do {
    const page = await store.find(collection, { limit: 500, ...(after ? { after } : {}) });
    documents.push(...page.documents);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return documents;
}

/** The documents a projection makes of these domain events (stored at positions 10, 20, ...), on a private embedded store. */
export async function project(
  projection: Projection,
  events: readonly CustomerEvent[],
  store: ReadModelStore & { close(): Promise<void> } = openMemoryStore(),
): Promise<Record<string, readonly ReadDocument[]>> {
  await applyBatch(store, projection, stored(events));
  const documents = await documentsOf(store, projection);
  await store.close();
  return documents;
}

function openMemoryStore(): EmbeddedReadModelStore {
  return EmbeddedReadModelStore.open(':memory:');
}
