/**
 * EventStoreDB's numeric expected versions, as EventStore.Core's `ExpectedVersion` names them.
 * A revision of 0 or more means "the stream's last event has this number".
 */
export const ExpectedVersion = { any: -2, noStream: -1, streamExists: -4 } as const;

/** What the emulator needs to know about an event already written, to judge a repeat. */
export interface CommittedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: number;
}

export type CommitDecision =
  { readonly kind: 'write' } | { readonly kind: 'idempotent'; readonly lastRevision: number } | { readonly kind: 'wrong-expected-version' };

export interface CommitCheck {
  readonly streamName: string;
  /** The stream's events in revision order; empty when it does not exist. */
  readonly stream: readonly CommittedEvent[];
  readonly expected: number;
  readonly eventIds: readonly string[];
  /** The last event written with each id, in any stream. */
  readonly committed: ReadonlyMap<string, CommittedEvent>;
}

const WRITE: CommitDecision = { kind: 'write' };
const WRONG: CommitDecision = { kind: 'wrong-expected-version' };

/**
 * Decides an append the way EventStoreDB's IndexWriter.CheckCommit does (documented in
 * "Optimistic concurrency and idempotence"): a write at the expected revision goes ahead; a
 * repeat of events already committed right after the expected revision (or, for any and
 * stream-exists, anywhere in the same stream) succeeds without writing; a partial repeat
 * ("corrupted idempotency") and every other mismatch is a wrong expected version.
 */
export function checkCommit(check: CommitCheck): CommitDecision {
  const current = check.stream.length - 1;
  if (check.expected === ExpectedVersion.streamExists && current < 0) return WRONG;
  if (check.expected === ExpectedVersion.any || check.expected === ExpectedVersion.streamExists) {
    return checkRepeatAnywhere(check);
  }
  if (check.expected < current) return checkRepeatAfterExpected(check);
  return check.expected === current ? WRITE : WRONG;
}

function checkRepeatAnywhere({ streamName, eventIds, committed }: CommitCheck): CommitDecision {
  let lastRevision = -1;
  for (const [index, id] of eventIds.entries()) {
    const earlier = committed.get(id);
    if (earlier === undefined || earlier.streamName !== streamName) return index === 0 ? WRITE : WRONG;
    lastRevision = earlier.revision;
  }
  return eventIds.length === 0 ? WRITE : { kind: 'idempotent', lastRevision };
}

function checkRepeatAfterExpected({ stream, expected, eventIds }: CommitCheck): CommitDecision {
  // An empty append below the current revision has nothing to repeat: CheckCommit calls it wrong.
  if (eventIds.length === 0) return WRONG;
  const isRepeat = eventIds.every((id, index) => stream[expected + 1 + index]?.id === id);
  return isRepeat ? { kind: 'idempotent', lastRevision: expected + eventIds.length } : WRONG;
}
