import type { ReadDocument, ReadModelStore } from '../read-model-store.port';
import type { ProjectedEvent } from '../projections/projected-event';
import type { Projection } from '../projections/projection';
import { setDocument, type DocumentEntry, type DocumentSet } from './document-set';

/** Maps a projection's collection name to the physical one (the live name, or a fresh one during a rebuild). */
export type CollectionNames = (collection: string) => string;

/**
 * Which document each event changes, in event order, as parallel arrays (a rebuild routes millions
 * of events; an object per route was a tenth of its garbage). `byRule[r]` lists the routes of rule r.
 */
interface Routes {
  readonly rule: number[];
  readonly id: string[];
  readonly event: ProjectedEvent[];
  readonly context: (ReadDocument | null)[];
  readonly byRule: number[][];
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
  const targets: DocumentEntry[] = [];
  for (const [index, rule] of projection.documents.entries()) {
    const routed = routes.byRule[index] as number[];
    const entries = await documents.entries(store, names(rule.collection), routed.map((at) => routes.id[at] as string));
    routed.forEach((at, n) => (targets[at] = entries[n] as DocumentEntry));
  }
  for (let at = 0; at < routes.id.length; at++) {
    const target = targets[at] as DocumentEntry;
    const event = routes.event[at] as ProjectedEvent;
    const current = target.document;
    if (current !== null && current.position >= event.position) continue;
    const id = routes.id[at] as string;
    const next = projection.documents[routes.rule[at] as number]?.apply(current, event, routes.context[at] ?? null, id);
    if (next != null) setDocument(target, stamped(next, id, event.position));
  }
}

async function route(store: ReadModelStore, documents: DocumentSet, projection: Projection, events: readonly ProjectedEvent[], names: CollectionNames): Promise<Routes> {
  const routes: Routes = { rule: [], id: [], event: [], context: [], byRule: projection.documents.map(() => []) };
  const state = projection.state;
  const states = state === undefined ? undefined : await documents.entries(store, names(state.collection), events.map((e) => e.customerId));
  events.forEach((event, index) => {
    const entry = states?.[index];
    const before = entry?.document ?? null;
    if (before !== null && before.position >= event.position) return;
    projection.documents.forEach((rule, ruleIndex) => {
      if (!rule.handles.has(event.type)) return;
      for (const id of rule.idsOf(event, before)) {
        routes.byRule[ruleIndex]?.push(routes.id.length);
        routes.rule.push(ruleIndex);
        routes.id.push(id);
        routes.event.push(event);
        routes.context.push(before);
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
