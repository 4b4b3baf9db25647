import type { CustomerCommand } from '../customer.commands';
import { domainError, type DomainError } from '../customer.errors';
import type { CustomerEvent } from '../customer.events';
import type { CustomerState } from '../customer.state';

/** What decide returns: events to append (none for a duplicate) or a business-rule failure. */
export type Decision = readonly CustomerEvent[] | DomainError;

/** A redelivered business id: append nothing, and do not fail (design.md §2). */
export const duplicate = (): Decision => [];

/** customerId and occurredAt that every event's data carries, copied from the command. */
export function stamp(command: CustomerCommand): { readonly customerId: string; readonly occurredAt: string } {
  return { customerId: command.customerId, occurredAt: command.occurredAt };
}

/** After churn only reactivation, complaint handling and erasure are accepted (design.md §2). */
export function churnedError(command: CustomerCommand, state: CustomerState): DomainError | undefined {
  if (state.status !== 'churned') return undefined;
  const message = `customer ${command.customerId} has churned; ${command.type} is not accepted`;
  return domainError('customer-churned', message, { customerId: command.customerId, churnedAt: state.churnedAt });
}

export function customerNotFound(command: CustomerCommand): DomainError {
  return domainError('customer-not-found', `customer ${command.customerId} does not exist`, {
    customerId: command.customerId,
  });
}
