import type { RecordedEvent } from './event-store.port';

/** What an upstream message appended the first time, so a redelivery can answer the same. */
export interface PriorOutcome {
  readonly revision: number;
  readonly position: number;
  readonly eventTypes: readonly string[];
}

/** A stream folded up to a known revision, as the write loop caches it. */
export interface StreamSnapshot<State> {
  readonly state: State;
  /** Revision of the last folded event; -1 for a stream with no events. */
  readonly revision: number;
  readonly lastHash: string | null;
  readonly priorOutcomes: ReadonlyMap<string, PriorOutcome>;
}

export function emptySnapshot<State>(state: State): StreamSnapshot<State> {
  return { state, revision: -1, lastHash: null, priorOutcomes: new Map() };
}

/** Folds recorded events onto a snapshot; events must continue it revision by revision. */
export function advanceSnapshot<State, Event>(
  snapshot: StreamSnapshot<State>,
  events: readonly RecordedEvent[],
  evolve: (state: State, event: Event) => State,
): StreamSnapshot<State> {
  let { state, revision, lastHash } = snapshot;
  const priorOutcomes = new Map(snapshot.priorOutcomes);
  for (const event of events) {
    state = evolve(state, { type: event.type, data: event.data } as Event);
    revision = event.revision;
    lastHash = event.metadata.hash;
    rememberSourceMessage(priorOutcomes, event);
  }
  return { state, revision, lastHash, priorOutcomes };
}

function rememberSourceMessage(outcomes: Map<string, PriorOutcome>, event: RecordedEvent): void {
  const source = event.metadata.sourceMessage;
  if (!source) return;
  const prior = outcomes.get(source);
  outcomes.set(source, {
    revision: event.revision,
    position: event.position,
    eventTypes: [...(prior?.eventTypes ?? []), event.type],
  });
}
