import type { EventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore, Projector, type Projection, type ReadDocument, type ReadModelStore } from '@rapport/read-models';

/** Every collection of the projections, document for document, in id order. */
export async function snapshot(store: ReadModelStore, projections: readonly Projection[]): Promise<Record<string, ReadDocument[]>> {
  const result: Record<string, ReadDocument[]> = {};
  for (const { name } of projections.flatMap((projection) => projection.collections)) {
    const documents: ReadDocument[] = [];
    for (let after: string | undefined, isFirst = true; isFirst || after; isFirst = false) {
      const page = await store.find(name, { limit: 1_000, ...(after ? { after } : {}) });
      documents.push(...page.documents);
      after = page.next ?? undefined;
    }
    result[name] = documents;
  }
  return result;
}

/** What a rebuild from scratch of every stored event gives, on a private embedded store. */
export async function rebuiltFromScratch(events: EventStore, projections: readonly Projection[]): Promise<Record<string, ReadDocument[]>> {
  const scratch = EmbeddedReadModelStore.open(':memory:');
  try {
    await new Projector(events, scratch, projections, { exclusive: { names: (collection) => collection } }).catchUp();
    return await snapshot(scratch, projections);
  } finally {
    await scratch.close();
  }
}
