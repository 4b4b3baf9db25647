import type { CustomerCommand } from './customer.commands';
import { defaultDomainConfig, type DomainConfig } from './customer.config';
import { decide } from './customer.decide';
import type { DomainError } from './customer.errors';
import type { CustomerEvent } from './customer.events';
import { evolve } from './customer.evolve';
import { initialState, type CustomerState } from './customer.state';

/** The customer as a decider (design.md §2): fold events with evolve, then decide on a command. */
export interface CustomerDecider {
  readonly initialState: CustomerState;
  decide(command: CustomerCommand, state: CustomerState): readonly CustomerEvent[] | DomainError;
  evolve(state: CustomerState, event: CustomerEvent): CustomerState;
}

/**
 * Binds decide and evolve to one policy configuration. Use the same configuration for
 * every replay of a stream: evolve prunes loyalty earnings by the configured window.
 */
export function createCustomerDecider(config: DomainConfig = defaultDomainConfig): CustomerDecider {
  return {
    initialState,
    decide: (command, state) => decide(command, state, config),
    evolve: (state, event) => evolve(state, event, config),
  };
}
