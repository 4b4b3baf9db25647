import type { IEvent } from '@nestjs/cqrs';
import type { EventMetadata } from '@rapport/kernel';
import type { ProjectedEvent } from '@rapport/read-models';

/** A customer event as it reaches the NestJS EventBus: only after it was stored, from the event-bus feed (style.md §5). */
export class StoredCustomerEvent implements IEvent {
  constructor(
    readonly event: ProjectedEvent,
    readonly eventId: string,
    readonly metadata: EventMetadata,
  ) {}
}
