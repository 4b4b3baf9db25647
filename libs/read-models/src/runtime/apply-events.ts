import type { ReadDocument, ReadModelStore } from '../read-model-store.port';
import type { ProjectedEvent } from '../projections/projected-event';
import type { Projection } from '../projections/projection';
import { setDocument, type DocumentSet } from './document-set';

/** Maps a projection's collection name to the physical one (the live name, or a fresh one during a rebuild). */
export type CollectionNames = (collection: string) => string;

/** An event on its way to one document, with the projection's per-customer state as it was before the event. */
interface Routed {
  readonly event: ProjectedEvent;
  readonly context: ReadDocument | null;
}

/** The events of a batch for each document of one rule, by document id, each list in position order. */
type EventsByDocument = Map<string, Routed[]>;

/**
 * Applies events (in position order) to the documents of one projection held in `documents`.
 * First the per-customer states are loaded and walked to route each event to its documents, then
 * those documents are loaded once and each gets its own events in order. Each document skips events
 * at or below its position, and an event at or below its customer's state position is skipped
 * whole: state documents are written only after the documents they route (projector.ts), so such
 * an event reached every document already.
 */
export async function applyEvents(
  store: ReadModelStore,
  documents: DocumentSet,
  projection: Projection,
  events: readonly ProjectedEvent[],
  names: CollectionNames,
): Promise<void> {
  const routes = await route(store, documents, projection, events, names);
  for (const [index, rule] of projection.documents.entries()) {
    const byDocument = routes[index] as EventsByDocument;
    if (byDocument.size === 0) continue;
    const ids = [...byDocument.keys()];
    const entries = await documents.entries(store, names(rule.collection), ids);
    ids.forEach((id, n) => {
      const entry = entries[n];
      if (entry === undefined) return;
      for (const { event, context } of byDocument.get(id) ?? []) {
        const current = entry.document;
        if (current !== null && current.position >= event.position) continue;
        const next = rule.apply(current, event, context, id);
        if (next != null) setDocument(entry, stamped(next, id, event.position));
      }
    });
  }
}

/** Walks the per-customer states through the events and groups, per rule, each event under the documents it changes. */
async function route(
  store: ReadModelStore,
  documents: DocumentSet,
  projection: Projection,
  events: readonly ProjectedEvent[],
  names: CollectionNames,
): Promise<EventsByDocument[]> {
  const routes = projection.documents.map((): EventsByDocument => new Map());
  const state = projection.state;
  const states =
    state === undefined
      ? undefined
      : await documents.entries(
          store,
          names(state.collection),
          events.map((e) => e.customerId),
        );
  events.forEach((event, index) => {
    const entry = states?.[index];
    const before = entry?.document ?? null;
    if (before !== null && before.position >= event.position) return;
    projection.documents.forEach((rule, ruleIndex) => {
      if (!rule.handles.has(event.type)) return;
      const byDocument = routes[ruleIndex] as EventsByDocument;
      for (const id of rule.idsOf(event, before)) {
        const routed = byDocument.get(id);
        if (routed === undefined) byDocument.set(id, [{ event, context: before }]);
        else routed.push({ event, context: before });
      }
    });
    if (state === undefined || entry === undefined || !state.handles.has(event.type)) return;
    const after = state.apply(before, event, null, event.customerId);
    if (after !== null) setDocument(entry, stamped(after, event.customerId, event.position));
  });
  return routes;
}

/**
 * The document a rule returned, stamped in place: rules return objects of their own making (or the
 * current document, which belongs to this working set), so no copy is needed.
 */
function stamped(body: object, id: string, position: number): ReadDocument {
  const document = body as { _id: string; position: number };
  document._id = id;
  document.position = position;
  return document as ReadDocument;
}
