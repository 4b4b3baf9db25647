import { createHash } from 'node:crypto';
import { foldAsOf, type FoldProgress, type TimeBasis } from '@rapport/audit';
import type { DigestedStream, ReadStreamOptions, RecordedEvent } from '@rapport/event-store';
import { compareInstants, instantOf, LruCache, type Instant } from '@rapport/kernel';

/**
 * A fold snapshot: a stream folded in full through `revision`, every event up to it, none left
 * out. It stands for the first `eventsApplied` events of any fold to an instant at or after
 * `latest[basis]`, since each of those events is then within the instant, as long as the stored
 * events up to `revision` are still the ones folded: `prefix` says whether they are.
 */
export interface FoldSnapshot<State> extends FoldProgress<State> {
  readonly revision: number;
  /**
   * Digest of the stored events through `revision` (DigestStream). The hash chain would not do:
   * bytes altered without recomputing the chain leave the event at `revision` as it was, and its
   * hash with it.
   */
  readonly prefix: string;
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

/** Digests of the stream's stored events through each revision asked for (EventStore.digestStream). */
export type DigestStream = (throughRevisions: readonly number[]) => Promise<readonly string[]>;

/** The whole stream with digests of its prefix (EventStore.readStreamDigested). */
export type ReadStreamDigested = (isDigested: (revision: number) => boolean) => Promise<DigestedStream>;

/**
 * The stream as the fold reads it: whole with the digests of its prefix when there is no snapshot
 * to start from, else after the snapshot. A snapshot is confirmed against the store by the
 * digest of its prefix, skipped while the store's outside-write mark
 * (EventStore.outsideWriteMark) says nobody but this process wrote.
 */
export interface StoredStream {
  readonly read: ReadStream;
  readonly readDigested: ReadStreamDigested;
  readonly digest: DigestStream;
  readonly outsideWriteMark?: () => number;
}

interface PendingSnapshot<State> {
  readonly snapshot: Omit<FoldSnapshot<State>, 'prefix'>;
  readonly isPeriodic: boolean;
}

interface StreamSnapshots<State> {
  /** At every `interval`-th revision, oldest first: for instants in the past. */
  readonly periodic: FoldSnapshot<State>[];
  /** The newest revision folded in full: for instants at or after every event. */
  newest?: FoldSnapshot<State>;
  /** The store's outside-write mark when these snapshots were last known to match the stored events. */
  confirmedMark?: number;
}

/**
 * foldAsOf (design.md §5) over one stream at a time, starting from the newest snapshot that
 * lies wholly within the instant, so that a stream is folded only after it, and
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

  /**
   * The stream (read through `read`) folded to `asOf`; undefined when it holds no event. A
   * snapshot is used only when `digest` says the stored events through it are still the ones
   * folded (altered bytes, a rewritten stream and another file under the same id all fail that);
   * otherwise it is dropped and the stream folded whole.
   */
  async stateAsOf(streamId: string, stored: StoredStream, asOf: Date, basis: TimeBasis): Promise<FoldProgress<State> | undefined> {
    const { read, readDigested, digest } = stored;
    // Read before the events: a write from outside after this point changes the mark seen next time.
    const mark = stored.outsideWriteMark?.();
    const snapshot = await this.confirmedAt(streamId, digest, mark, instantOf(asOf), basis);
    const { events, digests } =
      snapshot === undefined
        ? await readDigested((revision) => this.isPeriodic(revision))
        : { events: await read({ fromRevision: snapshot.revision + 1 }), digests: undefined };
    if (events.length === 0 && snapshot === undefined) return undefined;
    const pending: PendingSnapshot<State>[] = [];
    const folded = foldAsOf(events, asOf, basis, this.decider, { from: snapshot, onWholePrefix: this.recorder(events, snapshot, pending) });
    if (pending.length > 0) {
      const revisions = pending.map(({ snapshot: kept }) => kept.revision);
      const prefixes = digests === undefined ? await digest(revisions) : revisions.map((revision) => digests.get(revision));
      pending.forEach(({ snapshot: kept, isPeriodic }, index) =>
        this.keep(streamId, { ...kept, prefix: prefixes[index] ?? '' }, isPeriodic, mark),
      );
    }
    return folded;
  }

  /** Drops every snapshot; the next folds read their streams whole. */
  clear(): void {
    this.streams.clear();
  }

  private async confirmedAt(
    streamId: string,
    digest: DigestStream,
    mark: number | undefined,
    asOf: Instant,
    basis: TimeBasis,
  ): Promise<FoldSnapshot<State> | undefined> {
    const stream = this.streams.get(streamId);
    const snapshot = stream && usableAt(stream, asOf, basis);
    if (stream === undefined || snapshot === undefined) return undefined;
    if (mark !== undefined && stream.confirmedMark === mark) return snapshot;
    const [prefix] = await digest([snapshot.revision]);
    if (prefix === snapshot.prefix) {
      stream.confirmedMark = mark;
      return snapshot;
    }
    this.streams.delete(streamId);
    return undefined;
  }

  /** Keeps a snapshot at each periodic revision and at the last event, for onWholePrefix. */
  private recorder(events: readonly RecordedEvent[], from: FoldSnapshot<State> | undefined, pending: PendingSnapshot<State>[]) {
    let occurred = from?.latest.occurred;
    let recorded = from?.latest.recorded;
    return (progress: FoldProgress<State>, index: number): void => {
      const { revision, metadata } = events[index];
      occurred = later(occurred, metadata.occurredAt);
      recorded = later(recorded, metadata.recordedAt);
      const isPeriodic = this.isPeriodic(revision);
      if (!isPeriodic && index !== events.length - 1) return;
      const latest = { occurred, recorded };
      pending.push({ snapshot: { ...progress, revision, latest }, isPeriodic });
    };
  }

  private isPeriodic(revision: number): boolean {
    return (revision + 1) % this.options.interval === 0;
  }

  /** Set again after each change, so that the cache weighs the stream's newest snapshot anew. */
  private keep(streamId: string, snapshot: FoldSnapshot<State>, isPeriodic: boolean, mark: number | undefined): void {
    const stream: StreamSnapshots<State> = this.streams.get(streamId) ?? { periodic: [], confirmedMark: mark };
    if (isPeriodic && !stream.periodic.some((kept) => kept.revision === snapshot.revision)) {
      stream.periodic.push(snapshot);
      stream.periodic.sort((left, right) => left.revision - right.revision);
    }
    if (stream.newest === undefined || stream.newest.revision < snapshot.revision) stream.newest = snapshot;
    this.streams.set(streamId, stream);
  }
}

/** The newest snapshot whose events are all within `asOf` on `basis`. */
function usableAt<State>(stream: StreamSnapshots<State>, asOf: Instant, basis: TimeBasis): FoldSnapshot<State> | undefined {
  if (stream.newest !== undefined && isWithin(stream.newest, asOf, basis)) return stream.newest;
  for (let index = stream.periodic.length - 1; index >= 0; index--) {
    if (isWithin(stream.periodic[index], asOf, basis)) return stream.periodic[index];
  }
  return undefined;
}

function isWithin(snapshot: FoldSnapshot<unknown>, asOf: Instant, basis: TimeBasis): boolean {
  const latest = snapshot.latest[basis];
  return latest === undefined || compareInstants(latest, asOf) <= 0;
}

function later(current: Instant | undefined, candidate: Instant): Instant {
  return current === undefined || compareInstants(candidate, current) > 0 ? candidate : current;
}

/** ReadStreamDigested for a store without readStreamDigested: the stream read, then digested. */
export function readThenDigest(read: ReadStream, digest: DigestStream): ReadStreamDigested {
  return async (isDigested) => {
    const events = await read();
    const revisions = events
      .filter((event, index) => index === events.length - 1 || isDigested(event.revision))
      .map((event) => event.revision);
    const digests = await digest(revisions);
    return { events, digests: new Map(revisions.map((revision, index) => [revision, digests[index]])) };
  };
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
