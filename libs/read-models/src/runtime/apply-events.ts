import type { ReadDocument, ReadModelStore } from '../read-model-store.port';
import type { ProjectedEvent } from '../projections/projected-event';
import type { DocumentRule, Projection } from '../projections/projection';
import type { CollectionDocuments, DocumentSet } from './document-set';

/** Maps a projection's collection name to the physical one (the live name, or a fresh one during a rebuild). */
export type CollectionNames = (collection: string) => string;

interface Route {
  readonly rule: DocumentRule<object, object | null>;
  readonly id: string;
  readonly event: ProjectedEvent;
  readonly context: ReadDocument | null;
}

/**
 * Applies events (in position order) to the documents of one projection held in `documents`.
 * First the per-customer states are loaded and walked to route each event to its documents, then
 * those documents are loaded once and the events applied. Each document skips events at or
 * below its position, and an event at or below its customer's state position is skipped whole:
 * state documents are written only after the documents they route (projector.ts), so such an
 * event reached every document already.
 */
export async function applyEvents(store: ReadModelStore, documents: DocumentSet, projection: Projection, events: readonly ProjectedEvent[], names: CollectionNames): Promise<void> {
  const routes = await route(store, documents, projection, events, names);
  const targets = new Map(projection.documents.map((rule) => [rule, documents.of(names(rule.collection))]));
  for (const rule of projection.documents) {
    const ids = routes.filter((r) => r.rule === rule).map((r) => r.id);
    await documents.load(store, names(rule.collection), ids);
  }
  for (const { rule, id, event, context } of routes) {
    const target = targets.get(rule) as CollectionDocuments;
    const current = target.get(id);
    if (current !== null && current.position >= event.position) continue;
    const next = rule.apply(current, event, context, id);
    if (next !== null) target.set(stamped(next, id, event.position));
  }
}

async function route(store: ReadModelStore, documents: DocumentSet, projection: Projection, events: readonly ProjectedEvent[], names: CollectionNames): Promise<Route[]> {
  const state = projection.state;
  const states = state === undefined ? undefined : documents.of(names(state.collection));
  if (state !== undefined) await documents.load(store, names(state.collection), events.map((e) => e.customerId));
  const routes: Route[] = [];
  for (const event of events) {
    const before = states === undefined ? null : states.get(event.customerId);
    if (before !== null && before.position >= event.position) continue;
    for (const rule of projection.documents) {
      if (rule.handles.has(event.type)) for (const id of rule.idsOf(event, before)) routes.push({ rule, id, event, context: before });
    }
    if (state === undefined || states === undefined || !state.handles.has(event.type)) continue;
    const after = state.apply(before, event, null, event.customerId);
    if (after !== null) states.set(stamped(after, event.customerId, event.position));
  }
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
