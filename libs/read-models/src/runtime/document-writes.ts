import type { Projection } from '../projections/projection';
import type { CollectionWrites } from '../read-model-store.port';
import type { CollectionNames } from './apply-events';
import type { DocumentSet } from './document-set';

/**
 * The changed documents of these projections as two writes, to be made in this order: the
 * documents, then the per-customer states that route them. A crash between the two is harmless
 * (apply-events.ts): an event is skipped whole only once its customer's state has been written.
 */
export function documentWrites(
  documents: DocumentSet,
  projections: readonly Projection[],
  names: CollectionNames,
): readonly (readonly CollectionWrites[])[] {
  const documentCollections = projections.flatMap((p) => p.documents.map((rule) => names(rule.collection)));
  const stateCollections = projections.flatMap((p) => (p.state ? [names(p.state.collection)] : []));
  return [documents.takeWrites(documentCollections), documents.takeWrites(stateCollections)];
}

/**
 * Writes split into transactions of at most `size` documents, in their order. A rebuild flushes up
 * to hundreds of thousands of documents; as one transaction that held an embedded store's file for
 * longer than another process (the other half of a rebuild split between processes, a live
 * projector) waits for its lock (5 s), and that process failed with SQLITE_BUSY. A fresh collection
 * is not read before its swap, so a flush need not be atomic.
 */
export function inTransactionsOf(writes: readonly CollectionWrites[], size: number): CollectionWrites[][] {
  const transactions: CollectionWrites[][] = [];
  let current: CollectionWrites[] = [];
  let room = size;
  for (const { collection, writes: documents } of writes) {
    for (let from = 0; from < documents.length;) {
      if (room === 0) {
        transactions.push(current);
        current = [];
        room = size;
      }
      const part = documents.slice(from, from + room);
      current.push({ collection, writes: part });
      from += part.length;
      room -= part.length;
    }
  }
  if (current.length > 0) transactions.push(current);
  return transactions;
}
