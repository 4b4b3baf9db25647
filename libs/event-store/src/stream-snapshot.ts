import type { RecordedEvent } from './event-store.port';

/** What an upstream message appended the first time, so a redelivery can answer the same. */
export interface PriorOutcome {
  readonly revision: number;
  readonly position: number;
  readonly eventTypes: readonly string[];
}

/**
 * The outcomes of a stream's upstream messages, shared by its successive snapshots: each snapshot
 * sees only the outcomes up to its own revision, so advancing one never copies the log.
 */
class OutcomeLog {
  private readonly bySource = new Map<string, PriorOutcome>();

  record(event: RecordedEvent): void {
    const source = event.metadata.sourceMessage;
    if (!source) return;
    const prior = this.bySource.get(source);
    const earlier = prior !== undefined && prior.revision < event.revision ? prior.eventTypes : [];
    this.bySource.set(source, { revision: event.revision, position: event.position, eventTypes: [...earlier, event.type] });
  }

  upTo(source: string, revision: number): PriorOutcome | undefined {
    const outcome = this.bySource.get(source);
    return outcome !== undefined && outcome.revision <= revision ? outcome : undefined;
  }
}

/** A stream folded up to a known revision, as the write loop caches it. */
export interface StreamSnapshot<State> {
  readonly state: State;
  /** Revision of the last folded event; -1 for a stream with no events. */
  readonly revision: number;
  readonly lastHash: string | null;
  readonly outcomes: OutcomeLog;
}

export function emptySnapshot<State>(state: State): StreamSnapshot<State> {
  return { state, revision: -1, lastHash: null, outcomes: new OutcomeLog() };
}

/** A stream whose state does not depend on its events, as its last event left it (no outcomes kept). */
export function snapshotAfter<State>(state: State, last: RecordedEvent): StreamSnapshot<State> {
  return { state, revision: last.revision, lastHash: last.metadata.hash, outcomes: new OutcomeLog() };
}

/** What the upstream message appended, if the snapshot already holds it. */
export function priorOutcome(snapshot: StreamSnapshot<unknown>, sourceMessage: string): PriorOutcome | undefined {
  return snapshot.outcomes.upTo(sourceMessage, snapshot.revision);
}

/**
 * Folds recorded events onto a snapshot; events must continue it revision by revision. The
 * outcome log is shared with the snapshot it continues: a stream's snapshots form one line
 * (the write loop advances only its latest one, and starts afresh after a conflict).
 */
export function advanceSnapshot<State, Event>(
  snapshot: StreamSnapshot<State>,
  events: readonly RecordedEvent[],
  evolve: (state: State, event: Event) => State,
): StreamSnapshot<State> {
  let { state, revision, lastHash } = snapshot;
  for (const event of events) {
    state = evolve(state, { type: event.type, data: event.data } as Event);
    revision = event.revision;
    lastHash = event.metadata.hash;
    snapshot.outcomes.record(event);
  }
  return { state, revision, lastHash, outcomes: snapshot.outcomes };
}
