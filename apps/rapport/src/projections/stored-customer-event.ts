import type { IEvent } from '@nestjs/cqrs';
import type { CommandContext, EventMetadata } from '@rapport/kernel';
import type { ProjectedEvent } from '@rapport/read-models';

/** A customer event as it reaches the NestJS EventBus: only after it was stored, from the event-bus feed (style.md §5). */
export class StoredCustomerEvent implements IEvent {
  constructor(
    readonly event: ProjectedEvent,
    readonly eventId: string,
    readonly metadata: EventMetadata,
  ) {}
}

/**
 * The context of a command a saga (`actor`) issues in answer to a stored event: in the event's
 * correlation, caused by it, and with a source message fixed by it, so a redelivered event gives
 * the same event ids.
 */
export function causedBy({ eventId, metadata }: StoredCustomerEvent, actor: string): CommandContext {
  return {
    correlationId: metadata.correlationId,
    causationId: eventId,
    actor,
    channel: 'saga',
    sourceMessage: `${actor}:${eventId}`,
  };
}
