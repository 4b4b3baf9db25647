import type { CustomerEventType } from '@rapport/customer-domain';
import type { RecordedEvent } from '@rapport/event-store';
import { handledTypes, type Projection } from '../projections/projection';

/**
 * A handler that is told of every stored customer event (design.md §4: only stored events reach
 * sagas), a batch at a time. Its position moves once `handle` has resolved, so delivery is at least
 * once: a crash repeats the last batch, never skips one.
 */
export interface FeedHandler {
  readonly kind: 'feed';
  /** Stable name, also the checkpoint id: `event-bus`. */
  readonly name: string;
  /** Customer-stream records after the handler's position, in order, with their metadata. */
  handle(records: readonly RecordedEvent[]): Promise<void>;
}

/** What the projector runs: document projections (pure rules, documents written by the runtime) and feeds. */
export type Handler = Projection | FeedHandler;

export function isFeed(handler: Handler): handler is FeedHandler {
  return 'kind' in handler && handler.kind === 'feed';
}

/**
 * `standby`: another process holds the lease and writes; this one follows its checkpoints.
 * `outdated`: the stored documents have another shape than this code's; a rebuild replaces them.
 */
export type HandlerState = 'starting' | 'catching-up' | 'live' | 'paused' | 'standby' | 'outdated' | 'failed' | 'stopped';

/** What a projector knows about one of its handlers between batches. */
export class TrackedHandler {
  /** Event types it takes; undefined for a feed, which takes every stored customer record. */
  readonly handles: ReadonlySet<CustomerEventType> | undefined;
  position = 0;
  generation = '';
  /** The shape of the stored documents, as the checkpoint says; undefined for a feed, or before the checkpoint was read. */
  storedShapeVersion: number | undefined;
  state: HandlerState = 'starting';
  lastError: string | null = null;
  lastHeartbeatAt = 0;

  constructor(readonly handler: Handler) {
    this.handles = isFeed(handler) ? undefined : handledTypes(handler);
  }

  get name(): string {
    return this.handler.name;
  }

  get collections(): readonly string[] {
    return isFeed(this.handler) ? [] : this.handler.collections.map((c) => c.name);
  }

  /** Its stored documents have another shape than this code writes (written by an earlier version): only a rebuild makes them readable. */
  get isOutdated(): boolean {
    return !isFeed(this.handler) && this.storedShapeVersion !== undefined && this.storedShapeVersion !== this.handler.shapeVersion;
  }

  /** Outdated by an upgrade (the documents' shape is older than the code's), not by a rollback. */
  get hasOlderShape(): boolean {
    return !isFeed(this.handler) && this.storedShapeVersion !== undefined && this.storedShapeVersion < this.handler.shapeVersion;
  }

  /** The position its documents can be read at: none of an outdated projection's can. */
  get readablePosition(): number {
    return this.isOutdated ? 0 : this.position;
  }
}

/** A handler's progress, for GET /v1/projections, the metrics and the CLI. */
export interface ProjectionStatus {
  readonly name: string;
  readonly collections: readonly string[];
  /** Every event up to this global position has been handled (for a feed: and the work it started is done). */
  readonly position: number;
  readonly head: number;
  /** Positions behind the head of the store (positions are not contiguous: an upper bound on events). */
  readonly lag: number;
  readonly state: HandlerState;
  readonly generation: string;
  readonly lastError: string | null;
}

export function statusOf(tracked: TrackedHandler, head: number): ProjectionStatus {
  return {
    name: tracked.name,
    collections: tracked.collections,
    position: tracked.readablePosition,
    head,
    lag: Math.max(0, head - tracked.readablePosition),
    state: tracked.state,
    generation: tracked.generation,
    lastError: tracked.lastError,
  };
}
