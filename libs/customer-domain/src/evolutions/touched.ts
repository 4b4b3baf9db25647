import type { CustomerEvent } from '../customer.events';
import type { CustomerRecord, KnownCustomer } from '../customer.state';

/** The same stage with some record fields changed, stamped with the event's business time. */
export function touched<State extends KnownCustomer>(state: State, event: CustomerEvent, changes: Partial<CustomerRecord>): State {
  return { ...state, ...changes, lastEventAt: event.data.occurredAt };
}
