import { isCustomerEventType, type CustomerEvent } from '@rapport/customer-domain';
import type { RecordedEventData } from '@rapport/event-store';
import { customerIdFromStreamId, isCanonicalInstant } from '@rapport/kernel';

/** A stored customer event as projections see it: the domain event plus where it sits in the store. */
export type ProjectedEvent = CustomerEvent & {
  readonly customerId: string;
  /** Global position: the guard every document is stamped with. */
  readonly position: number;
  /** Revision within the customer's stream. */
  readonly revision: number;
  /** `data.occurredAt` in canonical form (toISOString), worked out once; null when unreadable (then in no time bucket). */
  readonly at: string | null;
};

/**
 * The projected form of a stored event, or undefined for an event of another stream or an unknown
 * type (a newer writer's event: skipped here, picked up after an upgrade and a rebuild).
 * Every payload is at schema version 1 today; an upcaster goes here when one changes.
 */
export function toProjectedEvent(event: RecordedEventData): ProjectedEvent | undefined {
  const customerId = customerIdFromStreamId(event.streamId);
  if (customerId === undefined || !isCustomerEventType(event.type)) return undefined;
  const { type, data, position, revision } = event;
  return { type, data, customerId, position, revision, at: instantOf(data.occurredAt) } as ProjectedEvent;
}

/** An ISO instant in one canonical form (`toISOString`), so stored times compare as strings; odd input is kept. */
export function canonicalInstant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** Canonical form of an ISO instant, or null when it is not one. */
export function instantOf(value: unknown): string | null {
  // Almost every stored occurredAt is already canonical: no Date needed.
  if (typeof value === 'string' && isCanonicalInstant(value)) return value;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
