import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@rapport/event-store';
import { EventFeed, toProjectedEvent, type ProjectionStatus, type ReadModelStore } from '@rapport/read-models';
import { EVENT_STORE, READ_MODEL_STORE } from '../wiring/tokens';
import { FEED_PACING } from './projection.tokens';
import { StoredCustomerEvent } from './stored-customer-event';

export const EVENT_BUS_FEED = 'event-bus';

/**
 * Feeds stored events, and only those, to the EventBus (design.md §4) from a checkpoint of its own.
 * The checkpoint moves once every saga's work on the batch is done; a failure repeats the batch,
 * which sagas survive because the commands they issue are idempotent.
 */
@Injectable()
export class EventBusFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('event-bus-feed');
  private readonly feed: EventFeed;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    private readonly eventBus: EventBus,
  ) {
    this.feed = new EventFeed(events, store, EVENT_BUS_FEED, (batch) => this.publish(batch), {
      batchSize: FEED_PACING.batchSize,
      minReadIntervalMs: FEED_PACING.minIntervalMs,
      logger: { error: (message, details) => this.logger.error({ msg: message, ...details }) },
    });
  }

  onApplicationBootstrap(): void {
    this.feed.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }

  status(): ProjectionStatus {
    return this.feed.status();
  }

  private async publish(batch: readonly RecordedEvent[]): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const record of batch) {
      const event = toProjectedEvent(record);
      if (event !== undefined) this.eventBus.publish(new StoredCustomerEvent(event, record.id, record.metadata, (done) => work.push(done)));
    }
    await Promise.all(work);
  }
}
