import type { CustomerEventType } from '@rapport/customer-domain';
import type { CollectionSpec, ReadDocument } from '../read-model-store.port';
import type { ProjectedEvent } from './projected-event';

/**
 * How one kind of document follows the events: which documents an event changes and, purely,
 * what each becomes (style.md §6). The runtime stamps `_id` and `position` on the result.
 * `context` is the projection's per-customer state as it was before the event, or null.
 */
export interface DocumentRule<Body extends object, Context> {
  /** Versioned collection name, e.g. `customer_summary_v1`. */
  readonly collection: string;
  readonly handles: ReadonlySet<CustomerEventType>;
  idsOf(event: ProjectedEvent, context: Context): readonly string[];
  /** The document after the event; null leaves the document as it is (e.g. an event before acquisition). */
  apply(current: Body | null, event: ProjectedEvent, context: Context, id: string): Body | null;
}

/**
 * A projection: the documents it keeps and, when routing needs it, a per-customer state
 * (the satisfaction segment of a survey, whether a churned customer had been active).
 * The runtime writes state documents after the documents they route, which keeps a crash
 * between the two writes harmless (projector.ts).
 */
export interface Projection<State extends object = object> {
  /** Stable name, also the checkpoint id: `customer-summary`. */
  readonly name: string;
  /**
   * The shape of its documents, raised whenever a change of code makes documents written before it
   * unreadable or wrong. Kept in the checkpoint: a store whose documents have another shape is
   * rebuilt by the live projector at start (runtime/handler.ts `isOutdated`), so an upgrade needs
   * no manual rebuild.
   */
  readonly shapeVersion: number;
  /** Every collection it writes, with the indexes its queries need. */
  readonly collections: readonly CollectionSpec[];
  readonly state?: DocumentRule<State, null>;
  readonly documents: readonly DocumentRule<object, State | null>[];
}

export type Stamped<Body> = Body & ReadDocument;

export function handledTypes(projection: Projection): ReadonlySet<CustomerEventType> {
  const rules: readonly { readonly handles: ReadonlySet<CustomerEventType> }[] = [
    ...projection.documents,
    ...(projection.state ? [projection.state] : []),
  ];
  return new Set(rules.flatMap((rule) => [...rule.handles]));
}

export function eventTypes(...types: CustomerEventType[]): ReadonlySet<CustomerEventType> {
  return new Set(types);
}
