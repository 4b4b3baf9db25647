import {
  createCustomerDecider,
  defaultDomainConfig,
  type ComplaintClockConfig,
  EVENT_SCHEMA_VERSIONS,
  isCustomerEventType,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  type DomainError,
} from '@rapport/customer-domain';
import { CommandProcessor, type EventStore } from '@rapport/event-store';
import type { Clock } from '@rapport/kernel';

export type CustomerProcessor = CommandProcessor<CustomerCommand, CustomerEvent, CustomerState, DomainError>;

/** Folds only: evolve needs no policy settings, since events record what was decided. */
export const customerDecider = createCustomerDecider();

export function createCustomerProcessor(store: EventStore, clock: Clock, complaintClock?: ComplaintClockConfig): CustomerProcessor {
  const decider = createCustomerDecider({ ...defaultDomainConfig, complaints: complaintClock ?? defaultDomainConfig.complaints });
  return new CommandProcessor(store, decider, {
    clock,
    schemaVersionOf: (type) => (isCustomerEventType(type) ? EVENT_SCHEMA_VERSIONS[type] : 1),
  });
}
