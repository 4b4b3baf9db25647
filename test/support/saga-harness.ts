import type { ICommand, IEvent } from '@nestjs/cqrs';
import type { CustomerEvent } from '@rapport/customer-domain';
import type { EventMetadata } from '@rapport/kernel';
import type { ProjectedEvent } from '@rapport/read-models';
import { firstValueFrom, from, toArray, type Observable } from 'rxjs';
import { StoredCustomerEvent } from '../../apps/rapport/src/projections/stored-customer-event';

/** The metadata of every stored event below: appended by command `cmd-1` of correlation `corr-1`. */
const metadata = {
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: 'branch-gateway',
  channel: 'branch',
  occurredAt: '',
  recordedAt: '',
  schemaVersion: 1,
  previousHash: null,
  hash: 'h',
} satisfies EventMetadata;

/** An event as the event-bus feed hands it to the sagas once stored, under the id `eventId`. */
export function stored(event: CustomerEvent, eventId: string): StoredCustomerEvent {
  return new StoredCustomerEvent(
    { ...event, customerId: event.data.customerId, position: 1, revision: 0, at: event.data.occurredAt } as ProjectedEvent,
    eventId,
    metadata,
  );
}

/** Every command a saga issues for these stored events, in order. */
export function commandsOf(
  saga: (events$: Observable<IEvent>) => Observable<ICommand>,
  events: readonly StoredCustomerEvent[],
): Promise<ICommand[]> {
  return firstValueFrom(saga(from(events)).pipe(toArray()));
}
