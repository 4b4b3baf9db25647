import { foldAsOf, type FoldProgress, type TimeBasis } from '@rapport/audit';
import type { ReadStreamOptions, RecordedEvent } from '@rapport/event-store';
import { compareInstants, instantOf, type Instant } from '@rapport/kernel';

/**
 * A stream folded in full through `revision`: every event up to it, none left out. It stands
 * for the first `eventsApplied` events of any fold to an instant at or after `latest[basis]`,
 * since each of those events is then within the instant, and stored events never change.
 */
export interface FoldCheckpoint<State> extends FoldProgress<State> {
  readonly revision: number;
  /** Hash of the event at `revision`: a store that does not hold it is not the one folded. */
  readonly hash: string;
  /** Latest time among the events folded, on each basis; undefined when none was folded. */
  readonly latest: Readonly<Record<TimeBasis, Instant | undefined>>;
}

export interface FoldCheckpointOptions {
  /** Revisions between periodic checkpoints. */
  readonly interval: number;
  /** Bound on memory: events behind the cached streams' newest checkpoints, all streams together. */
  readonly maxEvents: number;
}

export type ReadStream = (options?: ReadStreamOptions) => Promise<readonly RecordedEvent[]>;

interface StreamCheckpoints<State> {
  /** At every `interval`-th revision, oldest first: for instants in the past. */
  readonly periodic: FoldCheckpoint<State>[];
  /** The newest revision folded in full: for instants at or after every event. */
  newest?: FoldCheckpoint<State>;
}

/**
 * foldAsOf (design.md §5) over one stream at a time, starting from the newest checkpoint that
 * lies wholly within the instant, so that a stream is read and folded only after it, and
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

  /** The stream (read through `read`) folded to `asOf`; undefined when it holds no event. */
  async stateAsOf(streamId: string, read: ReadStream, asOf: Date, basis: TimeBasis): Promise<FoldProgress<State> | undefined> {
    const { events, checkpoint } = await this.readAfterCheckpoint(streamId, read, asOf, basis);
    if (events.length === 0 && checkpoint === undefined) return undefined;
    return foldAsOf(events, asOf, basis, this.decider, { from: checkpoint, onWholePrefix: this.recorder(streamId, events, checkpoint) });
  }

  /** Drops every checkpoint; the next folds read their streams whole. */
  clear(): void {
    this.streams.clear();
    this.heldEvents = 0;
  }

  /**
   * The events after the usable checkpoint, read from its own revision so that its hash can be
   * checked: a checkpoint the store does not bear out is dropped, and the stream read whole.
   */
  private async readAfterCheckpoint(streamId: string, read: ReadStream, asOf: Date, basis: TimeBasis) {
    const checkpoint = this.usableAt(streamId, instantOf(asOf), basis);
    if (checkpoint === undefined) return { events: await read() };
    const events = await read({ fromRevision: checkpoint.revision });
    const [first] = events;
    if (first?.revision === checkpoint.revision && first.metadata.hash === checkpoint.hash) return { events: events.slice(1), checkpoint };
    this.forget(streamId);
    return { events: await read() };
  }

  /** The newest checkpoint whose events are all within `asOf` on `basis`. */
  private usableAt(streamId: string, asOf: Instant, basis: TimeBasis): FoldCheckpoint<State> | undefined {
    const stream = this.streams.get(streamId);
    if (stream === undefined) return undefined;
    this.streams.delete(streamId);
    this.streams.set(streamId, stream);
    if (stream.newest !== undefined && isWithin(stream.newest, asOf, basis)) return stream.newest;
    for (let index = stream.periodic.length - 1; index >= 0; index--) {
      if (isWithin(stream.periodic[index], asOf, basis)) return stream.periodic[index];
    }
    return undefined;
  }

  /** Keeps a checkpoint at each periodic revision and at the last event, for onWholePrefix. */
  private recorder(streamId: string, events: readonly RecordedEvent[], from: FoldCheckpoint<State> | undefined) {
    let occurred = from?.latest.occurred;
    let recorded = from?.latest.recorded;
    return (progress: FoldProgress<State>, index: number): void => {
      const { revision, metadata } = events[index];
      occurred = later(occurred, metadata.occurredAt);
      recorded = later(recorded, metadata.recordedAt);
      const isPeriodic = (revision + 1) % this.options.interval === 0;
      if (!isPeriodic && index !== events.length - 1) return;
      const latest = { occurred, recorded };
      this.keep(streamId, { ...progress, revision, hash: metadata.hash, latest }, isPeriodic);
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

function isWithin(checkpoint: FoldCheckpoint<unknown>, asOf: Instant, basis: TimeBasis): boolean {
  const latest = checkpoint.latest[basis];
  return latest === undefined || compareInstants(latest, asOf) <= 0;
}

function later(current: Instant | undefined, candidate: Instant): Instant {
  return current === undefined || compareInstants(candidate, current) > 0 ? candidate : current;
}
