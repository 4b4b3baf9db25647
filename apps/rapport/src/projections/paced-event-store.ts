import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedEventData,
  SubscribeOptions,
} from '@rapport/event-store';

/**
 * The event store as a background runner in the service (the live projector, the event-bus feed)
 * reads it. The embedded adapters answer synchronously, so a runner that is behind would go from
 * batch to batch as one chain of microtasks and hold the event loop for its whole catch-up; here
 * each read of the log (`readAll`, `readAllWithoutMetadata`) first yields a macrotask, so requests run between batches. And at most one read
 * starts per `minIntervalMs`: under a steady stream of appends a runner then takes several in one
 * batch instead of paying its fixed cost per batch (checkpoint reads and writes, loading states,
 * three write transactions) for every group commit. Neither the first read after a quiet spell
 * nor the read after a full page (a runner catching up) waits longer than one macrotask. Writes
 * and everything else pass straight through.
 */
export class PacedEventStore implements EventStore {
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private wasFullPage = false;

  constructor(
    private readonly inner: EventStore,
    private readonly minIntervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.paced(options, () => this.inner.readAll(options));
  }

  readAllWithoutMetadata(options: ReadAllOptions): Promise<readonly RecordedEventData[]> {
    const inner = this.inner;
    return this.paced(options, () => (inner.readAllWithoutMetadata ? inner.readAllWithoutMetadata(options) : inner.readAll(options)));
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, expectedRevision);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  private async paced<T>(options: ReadAllOptions, read: () => Promise<readonly T[]>): Promise<readonly T[]> {
    const wait = this.wasFullPage ? 0 : this.lastReadAt + this.minIntervalMs - this.now();
    await (wait > 0 ? sleep(wait) : nextMacrotask());
    this.lastReadAt = this.now();
    const records = await read();
    this.wasFullPage = records.length >= options.maxCount;
    return records;
  }

  /** The inner store belongs to the app (CoreModule closes it), not to the runner. */
  async close(): Promise<void> {}
}
