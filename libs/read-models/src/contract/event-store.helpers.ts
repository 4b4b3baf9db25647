import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS, type CustomerEvent } from '@rapport/customer-domain';
import type { EventStore, EventToAppend } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';

/** A domain event as an append (metadata is not read by projections, so it is plain). */
export function toAppend(event: CustomerEvent): EventToAppend {
  const id = randomUUID();
  return {
    id,
    type: event.type,
    data: event.data,
    metadata: {
      correlationId: `corr-${id}`,
      causationId: `corr-${id}`,
      actor: 'read-model-tests',
      channel: 'test',
      occurredAt: event.data.occurredAt,
      recordedAt: event.data.occurredAt,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      previousHash: null,
      hash: `hash-${id}`,
    },
  };
}

/** Appends the events one by one, in the given order, to their customers' streams. */
export async function appendAll(store: EventStore, events: readonly CustomerEvent[]): Promise<number> {
  let position = 0;
  for (const event of events)
    position = (await store.appendToStream(customerStreamId(event.data.customerId), [toAppend(event)], 'any')).position;
  return position;
}
