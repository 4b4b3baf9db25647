export type Scalar = string | number | boolean | null;

/** Every stored read-model document: its id and the global position of the last event applied to it. */
export interface ReadDocument {
  readonly _id: string;
  readonly position: number;
  readonly [field: string]: unknown;
}

export interface Range {
  readonly $gt?: Scalar;
  readonly $gte?: Scalar;
  readonly $lt?: Scalar;
  readonly $lte?: Scalar;
  /** Non-null values only. */
  readonly $in?: readonly Scalar[];
}

/**
 * An AND of conditions on top-level or dotted scalar fields (`status`, `loyalty.tier`).
 * Equality with null also matches a missing field. Conditions on array fields are not supported.
 */
export type Filter = Readonly<Record<string, Scalar | Range>>;

export interface SortSpec {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface FindQuery {
  readonly filter?: Filter;
  /** One field; ties are broken by `_id` ascending. Default: `_id` ascending. The field must be present and non-null. */
  readonly sort?: SortSpec;
  readonly limit: number;
  /** Opaque cursor from the previous page's `next`. */
  readonly after?: string;
}

export interface Page<D> {
  readonly documents: readonly D[];
  /** Cursor for the following page; null when this page is the last. */
  readonly next: string | null;
}

/**
 * When a put may happen:
 * - `insert`: only when no document has the id;
 * - `newer`: when none has it, or the stored one has a lower `position` (the projection guard);
 * - `expect`: only when the stored document's `field` equals `value` (compare-and-set; never inserts).
 */
export type WriteGuard =
  { readonly kind: 'insert' } | { readonly kind: 'newer' } | { readonly kind: 'expect'; readonly field: string; readonly value: Scalar };

export type DocumentWrite =
  { readonly kind: 'put'; readonly document: ReadDocument; readonly guard: WriteGuard } | { readonly kind: 'delete'; readonly id: string };

export interface CollectionWrites {
  readonly collection: string;
  readonly writes: readonly DocumentWrite[];
}

export interface WriteResult {
  /** Puts and deletes carried out. */
  readonly applied: number;
  /** Ids of the puts whose guard refused them. */
  readonly refused: readonly string[];
}

/** Where leases live (runtime/lease.ts): one document per holding, `<lease>#<token>`, the token raised by every change of owner. */
export const LEASES = 'projection_leases';

/**
 * A writer's claim: the lease it holds and the token it holds it with (held while `<lease>#<token>`
 * is in LEASES and `<lease>#<token+1>` is not). A write
 * under a fence is refused once another writer has taken the lease (a higher token), so an owner
 * that paused past its lease writes nothing after its successor took over.
 */
export interface Fence {
  readonly lease: string;
  readonly token: number;
}

/**
 * The read-model document store (design.md §4): documents by id, plain finds, guarded bulk writes.
 * Adapters: embedded (SQLite file, the default) and MongoDB. Sums and counts live in documents and
 * ratios are computed by the caller, so no adapter needs aggregation.
 */
export interface ReadModelStore {
  /** The document, or null. The caller names the document type it stored. */
  get<D extends ReadDocument>(collection: string, id: string): Promise<D | null>;

  /** The documents that exist among `ids`, by id. */
  getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<ReadonlyMap<string, D>>;

  /** One page of matching documents in sort order. Throws InvalidCursor for a cursor it did not issue. */
  find<D extends ReadDocument>(collection: string, query: FindQuery): Promise<Page<D>>;

  /**
   * Applies the writes collection by collection, in the order given. The embedded adapter applies a
   * whole call atomically; the MongoDB adapter does not, so callers order writes to survive a crash
   * between any two of them. A missing collection is created.
   *
   * Under a `fence`, the writes are applied only while the lease holds the fence's token, checked by
   * the store itself: the embedded adapter reads the lease inside the write's transaction; the
   * MongoDB adapter checks it first and guards every put by the token the stored document was
   * written under, so a stale owner's put loses to any document its successor has written. Refused
   * puts are reported in `refused`.
   */
  write(batch: readonly CollectionWrites[], fence?: Fence): Promise<WriteResult>;
}

export interface IndexSpec {
  readonly name: string;
  readonly fields: readonly SortSpec[];
}

export interface CollectionSpec {
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
}

/** Collection lifecycle, kept out of the store port (style.md §11). */
export interface ReadModelAdmin {
  /** Creates the collection and its indexes when missing; existing data is kept. */
  ensureCollection(spec: CollectionSpec): Promise<void>;
  dropCollection(name: string): Promise<void>;
  /** Replaces `target` with the collection `source` (renamed, with target's indexes); `source` is gone afterwards. */
  replaceCollection(source: string, target: CollectionSpec): Promise<void>;
  listCollections(): Promise<readonly string[]>;
  close(): Promise<void>;
}

const NAME = /^[a-z][a-z0-9_]{0,99}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Collection names are lower-case letters, digits and underscores, so every adapter can use them as they are. */
export function isCollectionName(name: string): boolean {
  return NAME.test(name);
}

export function isFieldPath(path: string): boolean {
  return FIELD.test(path);
}
