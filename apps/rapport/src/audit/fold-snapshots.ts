import { foldAsOf, type FoldProgress, type TimeBasis } from '@rapport/audit';
import type { ReadStreamOptions, RecordedEvent } from '@rapport/event-store';
import { isCanonicalInstant, LruCache } from '@rapport/kernel';

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
  /** Latest time (epoch ms) among the events folded, on each basis. */
  readonly latest: Readonly<Record<TimeBasis, number>>;
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
    const snapshot = this.usableAt(streamId, asOf.getTime(), basis);
    if (snapshot === undefined) return { events: await read() };
    const events = await read({ fromRevision: snapshot.revision });
    const [first] = events;
    if (first?.revision === snapshot.revision && first.metadata.hash === snapshot.hash) return { events: events.slice(1), snapshot };
    this.streams.delete(streamId);
    return { events: await read() };
  }

  /** The newest snapshot whose events are all within `asOf` (epoch ms) on `basis`. */
  private usableAt(streamId: string, asOf: number, basis: TimeBasis): FoldSnapshot<State> | undefined {
    const stream = this.streams.get(streamId);
    if (stream === undefined) return undefined;
    if (stream.newest !== undefined && stream.newest.latest[basis] <= asOf) return stream.newest;
    for (let index = stream.periodic.length - 1; index >= 0; index--) {
      if (stream.periodic[index].latest[basis] <= asOf) return stream.periodic[index];
    }
    return undefined;
  }

  /** Keeps a snapshot at each periodic revision and at the last event, for onWholePrefix. */
  private recorder(streamId: string, events: readonly RecordedEvent[], from: FoldSnapshot<State> | undefined) {
    const occurred = new LatestTime(from?.latest.occurred);
    const recorded = new LatestTime(from?.latest.recorded);
    return (progress: FoldProgress<State>, index: number): void => {
      const { revision, metadata } = events[index];
      occurred.add(metadata.occurredAt);
      recorded.add(metadata.recordedAt);
      const isPeriodic = (revision + 1) % this.options.interval === 0;
      if (!isPeriodic && index !== events.length - 1) return;
      const latest = { occurred: occurred.epochMs(), recorded: recorded.epochMs() };
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
