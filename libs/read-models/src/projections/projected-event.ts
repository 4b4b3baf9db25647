import { isCustomerEventType, type CustomerEvent } from '@rapport/customer-domain';
import type { RecordedEventData } from '@rapport/event-store';
import { customerIdFromStreamId, isInstant, type Instant } from '@rapport/kernel';

/** A stored customer event as projections see it: the domain event plus where it sits in the store. */
export type ProjectedEvent = CustomerEvent & {
  readonly customerId: string;
  /** The stored event's id (segment lineage names the event that moved a customer). */
  readonly eventId: string;
  /** Global position: the guard every document is stamped with. */
  readonly position: number;
  /** Revision within the customer's stream. */
  readonly revision: number;
  /** `data.occurredAt`; null when it is not an instant (then in no time bucket). */
  readonly at: Instant | null;
};

/**
 * The projected form of a stored event, or undefined for an event of another stream or an unknown
 * type (a newer writer's event: skipped here, picked up after an upgrade and a rebuild).
 * Payloads arrive upcast to their current schema version (the event store's upcasting reader).
 */
export function toProjectedEvent(event: RecordedEventData): ProjectedEvent | undefined {
  const customerId = customerIdFromStreamId(event.streamId);
  if (customerId === undefined || !isCustomerEventType(event.type)) return undefined;
  const { id, type, data, position, revision } = event;
  return { type, data, customerId, eventId: id, position, revision, at: instantOf(data.occurredAt) } as ProjectedEvent;
}

/**
 * The instant an occurredAt names, or null when it is none. The edges have written every
 * occurredAt in canonical form, so this only keeps a damaged stored value out of time buckets
 * (a projection never rejects an event, style.md §6).
 */
export function instantOf(value: unknown): Instant | null {
  return typeof value === 'string' && isInstant(value) ? value : null;
}
