import { compareInstants } from '@rapport/kernel';
import type { AcquireCustomer, CustomerCommand } from './customer.commands';
import { domainError, type DomainError } from './customer.errors';
import type { DomainConfig } from './customer.config';
import type { CustomerState, KnownCustomer } from './customer.state';
import { recordComplaintBreach, warnOfComplaintBreach } from './decisions/complaint-clock.decisions';
import {
  assignComplaint,
  changeComplaintStage,
  escalateComplaint,
  extendComplaint,
  fileComplaint,
  resolveComplaint,
} from './decisions/complaint.decisions';
import { customerNotFound, type Decision } from './decisions/decision';
import { acquire, activate, churn, erasePersonalData, reactivate, updateProfile } from './decisions/lifecycle.decisions';
import { recordTransaction, redeemPoints, reviewLoyaltyTier } from './decisions/loyalty.decisions';
import { assessChurnRisk, recordRetentionAction, recordRetentionActionOutcome } from './decisions/retention.decisions';
import { raiseRetentionAlert, recordSatisfaction } from './decisions/satisfaction.decisions';

export type { Decision } from './decisions/decision';

/**
 * Events a command produces in the given state, or the rule it breaks (design.md §2).
 * An empty array is a no-op: the command repeats a business id already recorded.
 */
export function decide(command: CustomerCommand, state: CustomerState, config: DomainConfig): Decision {
  if (command.type === 'AcquireCustomer') return acquire(command, state);
  if (state.status === 'none') return customerNotFound(command);
  if (compareInstants(command.occurredAt, state.acquiredAt) < 0) return occurredBeforeAcquisition(command, state);
  return decideForKnownCustomer(command, state, config);
}

/** Nothing happens to a customer before the relationship began; `field` lets the edges name the input. */
function occurredBeforeAcquisition(command: Exclude<CustomerCommand, AcquireCustomer>, state: KnownCustomer): DomainError {
  return domainError('occurred-before-acquisition', `occurredAt ${command.occurredAt} is before the acquisition at ${state.acquiredAt}`, {
    field: 'occurredAt',
    acquiredAt: state.acquiredAt,
  });
}

function decideForKnownCustomer(command: Exclude<CustomerCommand, AcquireCustomer>, state: KnownCustomer, config: DomainConfig): Decision {
  switch (command.type) {
    case 'ActivateCustomer':
      return activate(command, state, config);
    case 'UpdateCustomerProfile':
      return updateProfile(command, state);
    case 'RecordTransaction':
      return recordTransaction(command, state, config);
    case 'FileComplaint':
      return fileComplaint(command, state, config);
    case 'EscalateComplaint':
      return escalateComplaint(command, state, config);
    case 'ResolveComplaint':
      return resolveComplaint(command, state);
    case 'AssignComplaint':
      return assignComplaint(command, state);
    case 'ChangeComplaintStage':
      return changeComplaintStage(command, state);
    case 'ExtendComplaint':
      return extendComplaint(command, state, config);
    case 'WarnOfComplaintBreach':
      return warnOfComplaintBreach(command, state, config);
    case 'RecordComplaintBreach':
      return recordComplaintBreach(command, state);
    case 'RecordSatisfaction':
      return recordSatisfaction(command, state);
    case 'RedeemPoints':
      return redeemPoints(command, state, config);
    case 'ReviewLoyaltyTier':
      return reviewLoyaltyTier(command, state, config);
    case 'RaiseRetentionAlert':
      return raiseRetentionAlert(command, state);
    case 'AssessChurnRisk':
      return assessChurnRisk(command, state, config);
    case 'RecordRetentionAction':
      return recordRetentionAction(command, state);
    case 'RecordRetentionActionOutcome':
      return recordRetentionActionOutcome(command, state);
    case 'ChurnCustomer':
      return churn(command, state);
    case 'ReactivateCustomer':
      return reactivate(command, state);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    default:
      return unknownCommand(command);
  }
}

/** Unreachable while the switch is exhaustive; a command from outside the union is a bug, so it throws. */
function unknownCommand(command: never): never {
  throw new Error(`unknown customer command: ${JSON.stringify(command)}`);
}
