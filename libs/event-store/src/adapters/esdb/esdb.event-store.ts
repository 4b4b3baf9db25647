import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../../event-store.errors';
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
import { assertExpectedRevision } from '../shared/expected-revision';
import { withoutMetadata } from '../shared/without-metadata';
import { type AppendContext, isStreamNotFound, isTransient, toPortError } from './esdb.errors';
import {
  isUserEvent,
  subscriptionFilter,
  toEventData,
  toExpectedRevision,
  toReadPosition,
  toRecordedEvent,
  toSafeNumber,
} from './esdb.mapping';
import { EsdbSubscription } from './esdb.subscription';

export interface EsdbEventStoreOptions {
  /** Tries of one call while the server is unreachable; the client reconnects between them. Default 3. */
  readonly attempts?: number;
  /** Wait before the second try, doubling after. Default 100 ms. */
  readonly retryDelayMs?: number;
  /** Wait before a dropped subscription subscribes again, doubling up to the maximum. Default 100 ms. */
  readonly resubscribeDelayMs?: number;
  /** Default 5000 ms. */
  readonly maxResubscribeDelayMs?: number;
  /** Told each time a subscription drops, before it subscribes again: for logs and metrics. */
  readonly onSubscriptionDropped?: (reason: EventStoreUnavailable, attempt: number) => void;
  /** Events fetched per request by readAll, which filters them here. Default 1000. */
  readonly readBatchSize?: number;
}

type Settings = Required<EsdbEventStoreOptions>;

const DEFAULTS: Settings = {
  attempts: 3,
  retryDelayMs: 100,
  resubscribeDelayMs: 100,
  maxResubscribeDelayMs: 5000,
  onSubscriptionDropped: () => undefined,
  readBatchSize: 1000,
};

/**
 * The production event store (design.md §1): EventStoreDB 22.6 or later through
 * `@eventstore/db-client`. Streams, revisions and event ids are EventStoreDB's own. Positions are
 * commit positions. EventStoreDB's own events ($-streams, $-types) are never returned.
 *
 * Differences the port allows: an event id already stored is not a conflict. EventStoreDB
 * answers a repeat of the same events at the same expected revision with success and writes
 * nothing (idempotence), and otherwise accepts a reused id. An empty append is answered from a
 * read, because the server's answer to an empty write carries no position.
 */
export class EsdbEventStore implements EventStore {
  private readonly settings: Settings;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private isClosed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.settings = { ...DEFAULTS, ...options };
  }

  /** E.g. `esdb://localhost:2113?tls=false`. Nothing connects until the first call. */
  static fromConnectionString(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return this.appendNothing(streamId, expectedRevision);
    const options = { expectedRevision: toExpectedRevision(expectedRevision) };
    const data = events.map(toEventData);
    const result = await this.run(() => this.client.appendToStream(streamId, data, options), { streamId, expected: expectedRevision });
    const revision = toSafeNumber(result.nextExpectedRevision, 'revision');
    if (result.position !== undefined) return { revision, position: toSafeNumber(result.position.commit, 'position') };
    const [last] = await this.readStream(streamId, { direction: 'backwards', fromRevision: revision, maxCount: 1 });
    return { revision, position: last?.position ?? (await this.headPosition()) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    const isBackwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0 || (isBackwards && (options.fromRevision ?? 0) < 0)) return [];
    const fromRevision = options.fromRevision === undefined ? (isBackwards ? END : START) : BigInt(Math.max(0, options.fromRevision));
    const read = () => this.client.readStream(streamId, { direction: isBackwards ? BACKWARDS : FORWARDS, fromRevision, maxCount });
    // EventStoreDB answers a stream that was never written with stream_not_found.
    const events = await this.run(() => collect(read()).catch((error: unknown) => (isStreamNotFound(error) ? [] : Promise.reject(error))));
    return events.map(toRecordedEvent);
  }

  /**
   * Filters here, a batch at a time: the client's readAll (6.2.1) always asks for no_filter, so a
   * server-side filter is reachable only through subscriptions, which subscribeToAll uses.
   */
  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    const page: RecordedEvent[] = [];
    let after = options.afterPosition ?? 0;
    while (page.length < options.maxCount) {
      const batch = await this.readAllBatch(after);
      for (const resolved of batch) {
        const event = resolved.event;
        if (event === undefined || event.position.commit <= BigInt(after) || !isUserEvent(event, options.streamPrefix)) continue;
        if (page.push(toRecordedEvent(resolved)) >= options.maxCount) break;
      }
      const last = batch[batch.length - 1]?.event;
      if (batch.length < this.settings.readBatchSize || last === undefined) break;
      after = toSafeNumber(last.position.commit, 'position');
    }
    return page;
  }

  /** The client decodes every event's metadata anyway: this only leaves it out. */
  async readAllWithoutMetadata(options: ReadAllOptions): Promise<readonly RecordedEventData[]> {
    return (await this.readAll(options)).map(withoutMetadata);
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    this.assertOpen();
    const filter = subscriptionFilter(options.streamPrefix);
    const subscription = new EsdbSubscription({
      open: (afterPosition) => this.client.subscribeToAll({ fromPosition: toReadPosition(afterPosition), filter }),
      afterPosition: options.afterPosition ?? 0,
      streamPrefix: options.streamPrefix,
      resubscribeDelayMs: this.settings.resubscribeDelayMs,
      maxResubscribeDelayMs: this.settings.maxResubscribeDelayMs,
      onDropped: this.settings.onSubscriptionDropped,
      onClose: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    const [newest] = await this.run(() => collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })));
    return newest?.event === undefined ? 0 : toSafeNumber(newest.event.position.commit, 'position');
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** Reading from a position includes the event at it (unlike subscribing); readAll skips it. */
  private readAllBatch(after: number): Promise<AllStreamResolvedEvent[]> {
    const request = { fromPosition: toReadPosition(after), maxCount: this.settings.readBatchSize };
    return this.run(() => collect(this.client.readAll(request)));
  }

  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    assertExpectedRevision(streamId, expected, last?.revision);
    if (last === undefined) return { revision: -1, position: await this.headPosition() };
    return { revision: last.revision, position: last.position };
  }

  /**
   * Runs one client call, mapping its errors to the port's. When the server was unreachable it
   * tries again: the client has dropped the broken channel by then and connects afresh. Appends
   * are safe to repeat because they carry event ids: EventStoreDB answers a repeat of events it
   * already wrote at that expected revision with success and writes nothing (IndexWriter.CheckCommit).
   */
  private async run<T>(call: () => Promise<T>, append?: AppendContext): Promise<T> {
    this.assertOpen();
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error: unknown) {
        if (!isTransient(error) || attempt >= this.settings.attempts || this.isClosed) throw toPortError(error, append);
        await new Promise((resolve) => setTimeout(resolve, this.settings.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  private assertOpen(): void {
    if (this.isClosed) throw new EventStoreUnavailable('the EventStoreDB event store is closed');
  }
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}
