import type { CustomerEventType } from '@rapport/customer-domain';
import { handledTypes, type Projection } from '../projections/projection';

export type ProjectionState = 'starting' | 'catching-up' | 'live' | 'paused' | 'failed' | 'stopped';

/** What a projector knows about one of its projections. */
export class TrackedProjection {
  readonly handles: ReadonlySet<CustomerEventType>;
  position = 0;
  generation = '';
  state: ProjectionState = 'starting';
  lastError: string | null = null;
  lastHeartbeatAt = 0;

  constructor(readonly projection: Projection) {
    this.handles = handledTypes(projection);
  }

  get name(): string {
    return this.projection.name;
  }
}

/** A projection's progress, for GET /v1/projections, the metrics and the CLI. */
export interface ProjectionStatus {
  readonly name: string;
  readonly collections: readonly string[];
  /** Every event up to this global position has been applied. */
  readonly position: number;
  readonly head: number;
  /** Positions behind the head of the store (positions are not contiguous: an upper bound on events). */
  readonly lag: number;
  readonly state: ProjectionState;
  readonly generation: string;
  readonly lastError: string | null;
}

export function statusOf(tracked: TrackedProjection, head: number): ProjectionStatus {
  return {
    name: tracked.name,
    collections: tracked.projection.collections.map((c) => c.name),
    position: tracked.position,
    head,
    lag: Math.max(0, head - tracked.position),
    state: tracked.state,
    generation: tracked.generation,
    lastError: tracked.lastError,
  };
}
