import type { EventMetadata } from '@rapport/kernel';

/** What an append expects of the stream: anything, no stream yet, some stream, or this last revision. */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | number;

export type JsonObject = { readonly [key: string]: unknown };

export interface EventToAppend {
  /** Unique id; deterministic when the event came from an upstream message. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamId: string;
  /** 0 for a stream's first event, then contiguous. */
  readonly revision: number;
  /** Global order across all streams; strictly increasing, not necessarily contiguous. */
  readonly position: number;
}

/**
 * A recorded event whose metadata is reduced to its schema version: all that projections read
 * (the version says which shape its data was stored in, for upcasting).
 */
export type RecordedEventData = Omit<RecordedEvent, 'metadata'> & { readonly metadata: Pick<EventMetadata, 'schemaVersion'> };

/** A whole stream as readStream gives it, with digests of its stored prefix (EventStore.readStreamDigested). */
export interface DigestedStream {
  readonly events: readonly RecordedEvent[];
  /** digestStream's digest through each revision digested, by revision. */
  readonly digests: ReadonlyMap<number, string>;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly revision: number;
  /** Global position of the last appended event. */
  readonly position: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a greater position. Defaults to the beginning. */
  readonly afterPosition?: number;
  readonly maxCount: number;
  /** Only streams whose id starts with this prefix. */
  readonly streamPrefix?: string;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events with a greater position, then live ones. */
  readonly afterPosition?: number;
  readonly streamPrefix?: string;
}

/** A catch-up subscription: history after the position, then live events, in position order. */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/**
 * The event store port. Adapters: SQLite (embedded default), in-memory, EventStoreDB.
 * Appends to one stream are atomic; a wrong expected revision throws StreamRevisionConflict.
 */
export interface EventStore {
  appendToStream(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /** The stream's events; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;

  /** Events of all streams in position order. */
  readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]>;

  /**
   * The events readAll gives for the same options, with no metadata but the schema version: for
   * readers that never look at the rest (projections), which then need not pay for decoding it. Every adapter here has it;
   * a caller falls back to readAll for a store that does not.
   */
  readAllWithoutMetadata?(options: ReadAllOptions): Promise<readonly RecordedEventData[]>;

  /**
   * SHA-256 of the stream's stored events from revision 0 through each of `throughRevisions`
   * (ascending), over the bytes as stored, without decoding them: for caches that must notice
   * stored events altered behind the store's back. Same bytes, same digest. An adapter without
   * it leaves it out, and callers digest what readStream returns.
   */
  digestStream?(streamId: string, throughRevisions: readonly number[]): Promise<readonly string[]>;

  /**
   * The whole stream, as readStream gives it, with the digestStream digest through the last event
   * and through each revision `isDigested` picks, from the one read: for caches that fold a
   * stream and keep what they folded, which would otherwise read it twice. An adapter has both
   * digestStream and this, or neither.
   */
  readStreamDigested?(streamId: string, isDigested: (revision: number) => boolean): Promise<DigestedStream>;

  /**
   * A number that changes whenever something other than this store object committed to the store
   * (another connection, another process); it stays the same across this object's own appends.
   * Lets a cache of folded streams skip digestStream while nobody else wrote. Optional.
   */
  outsideWriteMark?(): number;

  subscribeToAll(options: SubscribeOptions): EventSubscription;

  /** Position of the newest event in the store (0 when empty). */
  headPosition(): Promise<number>;

  close(): Promise<void>;
}
