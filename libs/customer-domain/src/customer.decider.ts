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

/** Binds decide to one policy configuration; evolve needs none, since events record what it decided. */
export function createCustomerDecider(config: DomainConfig = defaultDomainConfig): CustomerDecider {
  return {
    initialState,
    decide: (command, state) => decide(command, state, config),
    evolve,
  };
}
