import { createHash } from 'node:crypto';
import { foldAsOf, type FoldProgress, type TimeBasis } from '@rapport/audit';
import type { ReadStreamOptions, RecordedEvent } from '@rapport/event-store';
import { isCanonicalInstant } from '@rapport/kernel';

/**
 * A stream folded in full through `revision`: every event up to it, none left out. It stands
 * for the first `eventsApplied` events of any fold to an instant at or after `latest[basis]`,
 * since each of those events is then within the instant, as long as the stored events up to
 * `revision` are still the ones folded: `prefix` says whether they are.
 */
export interface FoldCheckpoint<State> extends FoldProgress<State> {
  readonly revision: number;
  /**
   * Digest of the stored events through `revision` (DigestStream). The hash chain would not do:
   * bytes altered without recomputing the chain leave the event at `revision` as it was, and its
   * hash with it.
   */
  readonly prefix: string;
  /** Latest time (epoch ms) among the events folded, on each basis. */
  readonly latest: Readonly<Record<TimeBasis, number>>;
}

export interface FoldCheckpointOptions {
  /** Revisions between periodic checkpoints. */
  readonly interval: number;
  /** Bound on memory: events behind the cached streams' newest checkpoints, all streams together. */
  readonly maxEvents: number;
}

export type ReadStream = (options?: ReadStreamOptions) => Promise<readonly RecordedEvent[]>;

/** Digests of the stream's stored events through each revision asked for (EventStore.digestStream). */
export type DigestStream = (throughRevisions: readonly number[]) => Promise<readonly string[]>;

interface PendingCheckpoint<State> {
  readonly checkpoint: Omit<FoldCheckpoint<State>, 'prefix'>;
  readonly isPeriodic: boolean;
}

interface StreamCheckpoints<State> {
  /** At every `interval`-th revision, oldest first: for instants in the past. */
  readonly periodic: FoldCheckpoint<State>[];
  /** The newest revision folded in full: for instants at or after every event. */
  newest?: FoldCheckpoint<State>;
}

/**
 * foldAsOf (design.md §5) over one stream at a time, starting from the newest checkpoint that
 * lies wholly within the instant, so that a stream is folded only after it, and
 * keeping new checkpoints while a fold leaves no event out. Checkpoints hold the state as
 * evolve leaves it, sealed personal data included: revealing it, or finding it erased, is the
 * caller's, after every fold, with the key as it is then. Least recently folded streams go first.
 */
export class CheckpointedFold<State, Event> {
  private readonly streams = new Map<string, StreamCheckpoints<State>>();
  private heldEvents = 0;

  constructor(
    private readonly decider: { readonly initialState: State; evolve(state: State, event: Event): State },
    private readonly options: FoldCheckpointOptions,
  ) {}

  /**
   * The stream (read through `read`) folded to `asOf`; undefined when it holds no event. A
   * checkpoint is used only when `digest` says the stored events through it are still the ones
   * folded (altered bytes, a rewritten stream and another file under the same id all fail that);
   * otherwise it is dropped and the stream folded whole.
   */
  async stateAsOf(streamId: string, read: ReadStream, digest: DigestStream, asOf: Date, basis: TimeBasis): Promise<FoldProgress<State> | undefined> {
    const checkpoint = await this.confirmedAt(streamId, digest, asOf.getTime(), basis);
    const events = await read(checkpoint === undefined ? undefined : { fromRevision: checkpoint.revision + 1 });
    if (events.length === 0 && checkpoint === undefined) return undefined;
    const pending: PendingCheckpoint<State>[] = [];
    const folded = foldAsOf(events, asOf, basis, this.decider, { from: checkpoint, onWholePrefix: this.recorder(events, checkpoint, pending) });
    if (pending.length > 0) {
      const prefixes = await digest(pending.map(({ checkpoint: kept }) => kept.revision));
      pending.forEach(({ checkpoint: kept, isPeriodic }, index) => this.keep(streamId, { ...kept, prefix: prefixes[index] }, isPeriodic));
    }
    return folded;
  }

  /** Drops every checkpoint; the next folds read their streams whole. */
  clear(): void {
    this.streams.clear();
    this.heldEvents = 0;
  }

  private async confirmedAt(streamId: string, digest: DigestStream, asOf: number, basis: TimeBasis): Promise<FoldCheckpoint<State> | undefined> {
    const checkpoint = this.usableAt(streamId, asOf, basis);
    if (checkpoint === undefined) return undefined;
    const [prefix] = await digest([checkpoint.revision]);
    if (prefix === checkpoint.prefix) return checkpoint;
    this.forget(streamId);
    return undefined;
  }

  /** The newest checkpoint whose events are all within `asOf` (epoch ms) on `basis`. */
  private usableAt(streamId: string, asOf: number, basis: TimeBasis): FoldCheckpoint<State> | undefined {
    const stream = this.streams.get(streamId);
    if (stream === undefined) return undefined;
    this.streams.delete(streamId);
    this.streams.set(streamId, stream);
    if (stream.newest !== undefined && stream.newest.latest[basis] <= asOf) return stream.newest;
    for (let index = stream.periodic.length - 1; index >= 0; index--) {
      if (stream.periodic[index].latest[basis] <= asOf) return stream.periodic[index];
    }
    return undefined;
  }

  /** Keeps a checkpoint at each periodic revision and at the last event, for onWholePrefix. */
  private recorder(events: readonly RecordedEvent[], from: FoldCheckpoint<State> | undefined, pending: PendingCheckpoint<State>[]) {
    const occurred = new LatestTime(from?.latest.occurred);
    const recorded = new LatestTime(from?.latest.recorded);
    return (progress: FoldProgress<State>, index: number): void => {
      const { revision, metadata } = events[index];
      occurred.add(metadata.occurredAt);
      recorded.add(metadata.recordedAt);
      const isPeriodic = (revision + 1) % this.options.interval === 0;
      if (!isPeriodic && index !== events.length - 1) return;
      const latest = { occurred: occurred.epochMs(), recorded: recorded.epochMs() };
      pending.push({ checkpoint: { ...progress, revision, latest }, isPeriodic });
    };
  }

  private keep(streamId: string, checkpoint: FoldCheckpoint<State>, isPeriodic: boolean): void {
    const stream = this.streams.get(streamId) ?? { periodic: [] };
    if (isPeriodic && !stream.periodic.some((kept) => kept.revision === checkpoint.revision)) {
      stream.periodic.push(checkpoint);
      stream.periodic.sort((left, right) => left.revision - right.revision);
    }
    if (stream.newest === undefined || stream.newest.revision < checkpoint.revision) {
      this.heldEvents += checkpoint.eventsApplied - (stream.newest?.eventsApplied ?? 0);
      stream.newest = checkpoint;
    }
    this.streams.delete(streamId);
    this.streams.set(streamId, stream);
    for (const oldest of this.streams.keys()) {
      if (this.heldEvents <= this.options.maxEvents || oldest === streamId) break;
      this.forget(oldest);
    }
  }

  private forget(streamId: string): void {
    this.heldEvents -= this.streams.get(streamId)?.newest?.eventsApplied ?? 0;
    this.streams.delete(streamId);
  }
}

/** DigestStream for a store without digestStream: the events as read, digested in JSON. */
export function digestByReading(read: ReadStream): DigestStream {
  return async (throughRevisions) => {
    const last = throughRevisions.at(-1);
    if (last === undefined) return [];
    const events = await read({ maxCount: last + 1 });
    const hash = createHash('sha256');
    const digests: string[] = [];
    for (const event of events) {
      hash.update(JSON.stringify([event.id, event.revision, event.type, event.data, event.metadata]));
      if (throughRevisions.includes(event.revision)) digests.push(hash.copy().digest('hex'));
    }
    while (digests.length < throughRevisions.length) digests.push(`missing-${throughRevisions[digests.length]}`);
    return digests;
  };
}

/**
 * The latest of the event times seen. Canonical times (kernel periods.ts) are compared as text
 * and parsed once when asked; a time that does not parse is left out, since foldAsOf folds such
 * an event at every instant.
 */
class LatestTime {
  private canonical: string | undefined;

  constructor(private other = Number.NEGATIVE_INFINITY) {}

  add(time: string): void {
    if (isCanonicalInstant(time)) {
      if (this.canonical === undefined || time > this.canonical) this.canonical = time;
      return;
    }
    const at = Date.parse(time);
    if (at > this.other) this.other = at;
  }

  epochMs(): number {
    return this.canonical === undefined ? this.other : Math.max(this.other, Date.parse(this.canonical));
  }
}
