import { isCustomerEventType, type CustomerEvent } from '@rapport/customer-domain';
import type { RecordedEventData } from '@rapport/event-store';
import { customerIdFromStreamId } from '@rapport/kernel';

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
  if (typeof value === 'string' && isCanonical(value)) return value;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether the value is already what toISOString gives for it (almost every stored occurredAt is):
 * saves a Date per event. Date.parse rolls 2025-02-30 over into March, so the day is checked here.
 */
function isCanonical(value: string): boolean {
  if (!CANONICAL.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = (value.charCodeAt(5) - 48) * 10 + value.charCodeAt(6) - 48;
  const day = (value.charCodeAt(8) - 48) * 10 + value.charCodeAt(9) - 48;
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}
