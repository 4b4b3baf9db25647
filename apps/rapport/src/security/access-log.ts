import { Inject, Injectable } from '@nestjs/common';
import { CommandProcessor, type Decider, type EventStore, type RecordedEvent } from '@rapport/event-store';
import type { Clock } from '@rapport/kernel';
import { CLOCK, EVENT_STORE } from '../wiring/tokens';

/** Who read a customer's history or personal data, how, and when (design.md §7). */
export interface AccessRecord {
  readonly customerId: string;
  readonly actor: string;
  readonly role: string;
  /** The route or CLI command, e.g. `GET /v1/customers/:customerId/history`. */
  readonly via: string;
  readonly correlationId: string;
}

type Accessed = { readonly type: 'CustomerDataAccessed'; readonly data: AccessRecord & { readonly occurredAt: string } };

const STREAM_PREFIX = 'access-';

/**
 * An append-only access log kept in the event store, one stream per customer, written through
 * the same write loop as customer events, so each entry is hash-chained and tamper-evident.
 * Its streams are outside the `customer-` prefix, so projections never see them.
 */
@Injectable()
export class AccessLog {
  private readonly writer: CommandProcessor<Accessed['data'], Accessed, null, never>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const decider: Decider<Accessed['data'], Accessed, null, never> = {
      initialState: null,
      decide: (data) => [{ type: 'CustomerDataAccessed', data }],
      evolve: () => null,
    };
    this.writer = new CommandProcessor(store, decider, { clock, schemaVersionOf: () => 1, cacheSize: 1_000, isStateless: true });
  }

  async record(access: AccessRecord): Promise<void> {
    const data = { ...access, occurredAt: this.clock.now().toISOString() };
    const context = { correlationId: access.correlationId, actor: access.actor, channel: 'access-log' };
    await this.writer.execute(`${STREAM_PREFIX}${access.customerId}`, data, context);
  }

  async entries(customerId: string): Promise<readonly RecordedEvent[]> {
    return this.store.readStream(`${STREAM_PREFIX}${customerId}`);
  }
}
