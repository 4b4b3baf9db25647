import { compareInstants, instantOf, type Instant } from '@rapport/kernel';

/** The two time bases of design.md §5. */
export type TimeBasis = 'occurred' | 'recorded';

interface TimedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly occurredAt: Instant; readonly recordedAt: Instant };
}

/** A stream folded so far: the state and how many events went into it. */
export interface FoldProgress<State> {
  readonly state: State;
  readonly eventsApplied: number;
}

export interface FoldAsOfOptions<State> {
  /**
   * Where to start instead of the initial state: the fold of the events before `events`, every
   * one of them within the instant on the basis asked for (a caller's checkpoint).
   */
  readonly from?: FoldProgress<State>;
  /**
   * Called after each event for as long as no event has been left out, so with the stream
   * folded in full up to and including `events[index]`: what a checkpoint may keep.
   */
  readonly onWholePrefix?: (progress: FoldProgress<State>, index: number) => void;
}

/**
 * The state as it was at `asOf`: on the `occurred` basis, every event whose business time is
 * not after it (what was true then, as known today, back-dated corrections included); on the
 * `recorded` basis, every event Rapport had stored by then (what the system knew then).
 * Events are folded in stream order on both bases, the order in which they were decided.
 */
export function foldAsOf<State, Event>(
  events: readonly TimedEvent[],
  asOf: Date,
  basis: TimeBasis,
  fold: { readonly initialState: State; evolve(state: State, event: Event): State },
  options: FoldAsOfOptions<State> = {},
): FoldProgress<State> {
  const limit = instantOf(asOf);
  const { from, onWholePrefix } = options;
  let state = from ? from.state : fold.initialState;
  let eventsApplied = from ? from.eventsApplied : 0;
  let isWhole = onWholePrefix !== undefined;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    if (compareInstants(basis === 'occurred' ? event.metadata.occurredAt : event.metadata.recordedAt, limit) > 0) {
      isWhole = false;
      continue;
    }
    state = fold.evolve(state, { type: event.type, data: event.data } as Event);
    eventsApplied++;
    if (isWhole) onWholePrefix?.({ state, eventsApplied }, index);
  }
  return { state, eventsApplied };
}
