import {
  createCustomerDecider,
  defaultPolicySet,
  domainConfigOf,
  DEFAULT_MAX_CLOCK_SKEW_MS,
  EVENT_SCHEMA_VERSIONS,
  isCustomerEventType,
  occurredAfterClockSkew,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  type DomainError,
  type PolicySet,
} from '@rapport/customer-domain';
import { CommandProcessor, type EventStore } from '@rapport/event-store';
import type { Clock } from '@rapport/kernel';

export type CustomerProcessor = CommandProcessor<CustomerCommand, CustomerEvent, CustomerState, DomainError>;

/** Folds only: evolve needs no policy settings, since events record what was decided. */
export const customerDecider = createCustomerDecider();

export interface CustomerProcessorOptions {
  readonly policy?: PolicySet;
  readonly maxClockSkewMs?: number;
}

/**
 * The write loop under one policy set, which every appended event names. The clock-skew bound is
 * judged here, where the clock is, so HTTP, Kafka and the importer refuse a future business time alike.
 */
export function createCustomerProcessor(store: EventStore, clock: Clock, options: CustomerProcessorOptions = {}): CustomerProcessor {
  const policy = options.policy ?? defaultPolicySet;
  const maxClockSkewMs = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  const decider = createCustomerDecider(domainConfigOf(policy));
  const bounded = {
    ...decider,
    decide: (command: CustomerCommand, state: CustomerState) =>
      occurredAfterClockSkew(command, clock.now(), maxClockSkewMs) ?? decider.decide(command, state),
  };
  return new CommandProcessor(store, bounded, {
    clock,
    schemaVersionOf: (type) => (isCustomerEventType(type) ? EVENT_SCHEMA_VERSIONS[type] : 1),
    policyVersion: policy.version,
  });
}
