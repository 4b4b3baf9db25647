import { EventStoreUnavailable, StreamRevisionConflict } from '../../event-store.errors';
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
} from '../../event-store.port';
import { AppendSignal, CatchUpSubscription } from '../shared/catch-up.subscription';
import { assertExpectedRevision } from '../shared/expected-revision';
import { withoutMetadata } from '../shared/without-metadata';

/**
 * Event store held in process memory, for tests and tools. Positions are 1, 2, 3, ...
 * (contiguous here, which the port does not promise). Stored events are JSON copies,
 * deep-frozen, so neither the caller's objects nor a reader's mutation can change history.
 *
 * An empty append checks the expectation and returns the stream's last revision and
 * position; for a missing stream, revision -1 and the head position. As in the SQLite
 * adapter, an event id already in the store is a StreamRevisionConflict.
 */
export class InMemoryEventStore implements EventStore {
  private readonly events: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private isClosed = false;

  async appendToStream(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const stream = this.streams.get(streamId);
    const current = stream === undefined ? undefined : stream.length - 1;
    assertExpectedRevision(streamId, expectedRevision, current);
    if (this.hasDuplicateIds(events)) throw new StreamRevisionConflict(streamId, expectedRevision, current ?? 'no-stream');
    if (events.length === 0) return this.currentEnd(stream);
    const firstRevision = (current ?? -1) + 1;
    const firstPosition = this.events.length + 1;
    const recorded = events.map((event, index) => recordCopy(event, streamId, firstRevision + index, firstPosition + index));
    const target = stream ?? [];
    this.streams.set(streamId, target);
    for (const event of recorded) {
      target.push(event);
      this.events.push(event);
      this.eventIds.add(event.id);
    }
    this.signal.notify();
    return this.currentEnd(recorded);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (options.direction === 'backwards') {
      const end = Math.min(options.fromRevision ?? stream.length - 1, stream.length - 1) + 1;
      return stream.slice(Math.max(0, end - maxCount), end).reverse();
    }
    const start = Math.max(0, options.fromRevision ?? 0);
    return stream.slice(start, start + maxCount);
  }

  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const page: RecordedEvent[] = [];
    const prefix = options.streamPrefix ?? '';
    // Position p sits at index p - 1, so the first event after `afterPosition` is at that index.
    for (let index = Math.max(0, options.afterPosition ?? 0); index < this.events.length; index++) {
      if (page.length >= options.maxCount) break;
      const event = this.events[index];
      if (event !== undefined && event.streamId.startsWith(prefix)) page.push(event);
    }
    return page;
  }

  async readAllWithoutMetadata(options: ReadAllOptions): Promise<readonly RecordedEventData[]> {
    return (await this.readAll(options)).map(withoutMetadata);
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(this, this.signal, { ...options, pageSize: 1000 }, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.events.length;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private hasDuplicateIds(events: readonly EventToAppend[]): boolean {
    const ids = new Set(events.map((event) => event.id));
    return ids.size < events.length || events.some((event) => this.eventIds.has(event.id));
  }

  private currentEnd(stream: readonly RecordedEvent[] | undefined): AppendResult {
    const last = stream?.[stream.length - 1];
    return last === undefined ? { revision: -1, position: this.events.length } : { revision: last.revision, position: last.position };
  }

  private assertOpen(): void {
    if (this.isClosed) throw new EventStoreUnavailable('the in-memory event store is closed');
  }
}

function recordCopy(event: EventToAppend, streamId: string, revision: number, position: number): RecordedEvent {
  const { id, type, data, metadata } = JSON.parse(JSON.stringify(event)) as EventToAppend;
  return deepFreeze({ id, type, data, metadata, streamId, revision, position });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
