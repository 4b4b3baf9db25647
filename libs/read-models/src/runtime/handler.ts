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

/** `standby`: another process holds the lease and writes; this one follows its checkpoints. */
export type HandlerState = 'starting' | 'catching-up' | 'live' | 'paused' | 'standby' | 'failed' | 'stopped';

/** What a projector knows about one of its handlers between batches. */
export class TrackedHandler {
  /** Event types it takes; undefined for a feed, which takes every stored customer record. */
  readonly handles: ReadonlySet<CustomerEventType> | undefined;
  position = 0;
  generation = '';
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
    position: tracked.position,
    head,
    lag: Math.max(0, head - tracked.position),
    state: tracked.state,
    generation: tracked.generation,
    lastError: tracked.lastError,
  };
}
