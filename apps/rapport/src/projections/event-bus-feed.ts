import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@rapport/event-store';
import { Projector, toProjectedEvent, type ProjectionStatus, type ReadModelStore } from '@rapport/read-models';
import { CommandsInFlight } from '../commands/commands-in-flight';
import { OwnedWork } from '../ownership/owned-work';
import { EVENT_STORE, READ_MODEL_STORE } from '../wiring/tokens';
import { FEED_PACING } from './projection.tokens';
import { StoredCustomerEvent } from './stored-customer-event';

export const EVENT_BUS_FEED = 'event-bus';

/**
 * Feeds stored events, and only those, to the EventBus (design.md §4): a feed handler of the
 * projection runtime, with a checkpoint of its own. Its position moves once every command the sagas
 * issued for a batch has been executed (CommandsInFlight), so a position at the store's head means
 * nothing the sagas started is still on its way. A failure repeats the batch, which sagas survive
 * because the commands they issue are idempotent. Only the instance holding the `event-bus` lease
 * feeds the bus, so with several instances each saga command is issued by one of them.
 */
@Injectable()
export class EventBusFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('event-bus-feed');
  private readonly runtime: Projector;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    private readonly eventBus: EventBus,
    private readonly inFlight: CommandsInFlight,
    ownedWork: OwnedWork,
  ) {
    const feed = { kind: 'feed' as const, name: EVENT_BUS_FEED, handle: (records: readonly RecordedEvent[]) => this.publish(records) };
    this.runtime = new Projector(events, store, [feed], {
      batchSize: FEED_PACING.batchSize,
      minReadIntervalMs: FEED_PACING.minIntervalMs,
      lease: ownedWork.lease(EVENT_BUS_FEED),
      logger: { error: (message, details) => this.logger.error({ msg: message, ...details }) },
    });
  }

  onApplicationBootstrap(): void {
    this.runtime.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }

  status(): ProjectionStatus[] {
    return this.runtime.status();
  }

  private async publish(records: readonly RecordedEvent[]): Promise<void> {
    const published: string[] = [];
    for (const record of records) {
      const event = toProjectedEvent(record);
      if (event === undefined) continue;
      // Synchronous: sagas map the event and the bus starts executing their commands before this returns.
      this.eventBus.publish(new StoredCustomerEvent(event, record.id, record.metadata));
      published.push(record.id);
    }
    await this.inFlight.settledFor(published);
  }
}
