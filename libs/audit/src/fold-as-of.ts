/** The two time bases of design.md §5. */
export type TimeBasis = 'occurred' | 'recorded';

interface TimedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly occurredAt: string; readonly recordedAt: string };
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
): { state: State; eventsApplied: number } {
  const limit = asOf.getTime();
  let state = fold.initialState;
  let eventsApplied = 0;
  for (const event of events) {
    const at = Date.parse(basis === 'occurred' ? event.metadata.occurredAt : event.metadata.recordedAt);
    if (at > limit) continue;
    state = fold.evolve(state, { type: event.type, data: event.data } as Event);
    eventsApplied++;
  }
  return { state, eventsApplied };
}
