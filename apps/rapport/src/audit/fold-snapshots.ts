import { foldAsOf, type FoldProgress, type TimeBasis } from '@rapport/audit';
import type { ReadStreamOptions, RecordedEvent } from '@rapport/event-store';
import { compareInstants, instantOf, LruCache, type Instant } from '@rapport/kernel';

/**
 * A fold snapshot: a stream folded in full through `revision`, every event up to it, none left
 * out. It stands for the first `eventsApplied` events of any fold to an instant at or after
 * `latest[basis]`, since each of those events is then within the instant, and stored events never
 * change.
 */
export interface FoldSnapshot<State> extends FoldProgress<State> {
  readonly revision: number;
  /** Hash of the event at `revision`: a store that does not hold it is not the one folded. */
  readonly hash: string;
  /** Latest time among the events folded, on each basis; undefined when none was folded. */
  readonly latest: Readonly<Record<TimeBasis, Instant | undefined>>;
}

export interface FoldSnapshotOptions {
  /** Revisions between periodic snapshots. */
  readonly interval: number;
  /** Bound on memory: events behind the cached streams' newest snapshots, all streams together. */
  readonly maxEvents: number;
}

export type ReadStream = (options?: ReadStreamOptions) => Promise<readonly RecordedEvent[]>;

interface StreamSnapshots<State> {
  /** At every `interval`-th revision, oldest first: for instants in the past. */
  readonly periodic: FoldSnapshot<State>[];
  /** The newest revision folded in full: for instants at or after every event. */
  newest?: FoldSnapshot<State>;
}

/**
 * foldAsOf (design.md §5) over one stream at a time, starting from the newest snapshot that
 * lies wholly within the instant, so that a stream is read and folded only after it, and
 * keeping new snapshots while a fold leaves no event out. Snapshots hold the state as evolve
 * leaves it, sealed personal data included: revealing it, or finding it erased, is the caller's,
 * after every fold, with the key as it is then. Least recently folded streams go first.
 */
export class CachedFold<State, Event> {
  private readonly streams: LruCache<string, StreamSnapshots<State>>;

  constructor(
    private readonly decider: { readonly initialState: State; evolve(state: State, event: Event): State },
    private readonly options: FoldSnapshotOptions,
  ) {
    this.streams = new LruCache({ capacity: options.maxEvents, weigh: (stream) => stream.newest?.eventsApplied ?? 0 });
  }

  /** The stream (read through `read`) folded to `asOf`; undefined when it holds no event. */
  async stateAsOf(streamId: string, read: ReadStream, asOf: Date, basis: TimeBasis): Promise<FoldProgress<State> | undefined> {
    const { events, snapshot } = await this.readAfterSnapshot(streamId, read, asOf, basis);
    if (events.length === 0 && snapshot === undefined) return undefined;
    return foldAsOf(events, asOf, basis, this.decider, { from: snapshot, onWholePrefix: this.recorder(streamId, events, snapshot) });
  }

  /** Drops every snapshot; the next folds read their streams whole. */
  clear(): void {
    this.streams.clear();
  }

  /**
   * The events after the usable snapshot, read from its own revision so that its hash can be
   * checked: a snapshot the store does not bear out is dropped, and the stream read whole.
   */
  private async readAfterSnapshot(streamId: string, read: ReadStream, asOf: Date, basis: TimeBasis) {
    const snapshot = this.usableAt(streamId, instantOf(asOf), basis);
    if (snapshot === undefined) return { events: await read() };
    const events = await read({ fromRevision: snapshot.revision });
    const [first] = events;
    if (first?.revision === snapshot.revision && first.metadata.hash === snapshot.hash) return { events: events.slice(1), snapshot };
    this.streams.delete(streamId);
    return { events: await read() };
  }

  /** The newest snapshot whose events are all within `asOf` on `basis`. */
  private usableAt(streamId: string, asOf: Instant, basis: TimeBasis): FoldSnapshot<State> | undefined {
    const stream = this.streams.get(streamId);
    if (stream === undefined) return undefined;
    if (stream.newest !== undefined && isWithin(stream.newest, asOf, basis)) return stream.newest;
    for (let index = stream.periodic.length - 1; index >= 0; index--) {
      if (isWithin(stream.periodic[index], asOf, basis)) return stream.periodic[index];
    }
    return undefined;
  }

  /** Keeps a snapshot at each periodic revision and at the last event, for onWholePrefix. */
  private recorder(streamId: string, events: readonly RecordedEvent[], from: FoldSnapshot<State> | undefined) {
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

  /** Set again after each change, so that the cache weighs the stream's newest snapshot anew. */
  private keep(streamId: string, snapshot: FoldSnapshot<State>, isPeriodic: boolean): void {
    const stream = this.streams.get(streamId) ?? { periodic: [] };
    if (isPeriodic && !stream.periodic.some((kept) => kept.revision === snapshot.revision)) {
      stream.periodic.push(snapshot);
      stream.periodic.sort((left, right) => left.revision - right.revision);
    }
    if (stream.newest === undefined || stream.newest.revision < snapshot.revision) stream.newest = snapshot;
    this.streams.set(streamId, stream);
  }
}

function isWithin(snapshot: FoldSnapshot<unknown>, asOf: Instant, basis: TimeBasis): boolean {
  const latest = snapshot.latest[basis];
  return latest === undefined || compareInstants(latest, asOf) <= 0;
}

function later(current: Instant | undefined, candidate: Instant): Instant {
  return current === undefined || compareInstants(candidate, current) > 0 ? candidate : current;
}
