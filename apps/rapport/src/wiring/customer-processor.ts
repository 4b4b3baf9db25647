import {
  createCustomerDecider,
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

export const customerDecider = createCustomerDecider();

export function createCustomerProcessor(store: EventStore, clock: Clock): CustomerProcessor {
  return new CommandProcessor(store, customerDecider, {
    clock,
    schemaVersionOf: (type) => (isCustomerEventType(type) ? EVENT_SCHEMA_VERSIONS[type] : 1),
  });
}
