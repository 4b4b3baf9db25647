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
