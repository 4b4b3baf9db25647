import type { IEvent } from '@nestjs/cqrs';
import type { EventMetadata } from '@rapport/kernel';
import type { ProjectedEvent } from '@rapport/read-models';

/**
 * A customer event as it reaches the NestJS EventBus: only after it was stored, from the event
 * feed (style.md §5). A handler that does asynchronous work hands its promise to `track`, so the
 * feed moves its checkpoint only once that work is done (at-least-once delivery).
 */
export class StoredCustomerEvent implements IEvent {
  constructor(
    readonly event: ProjectedEvent,
    readonly eventId: string,
    readonly metadata: EventMetadata,
    private readonly tracker: (work: Promise<unknown>) => void,
  ) {}

  track(work: Promise<unknown>): void {
    this.tracker(work);
  }
}
