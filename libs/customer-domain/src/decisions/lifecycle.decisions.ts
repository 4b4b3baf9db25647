import type {
  AcquireCustomer,
  ActivateCustomer,
  ChurnCustomer,
  ErasePersonalData,
  ReactivateCustomer,
  UpdateCustomerProfile,
} from '../customer.commands';
import type { DomainConfig } from '../customer.config';
import { domainError } from '../customer.errors';
import type { CustomerState, KnownCustomer } from '../customer.state';
import { pointsInWindow, tierFor, tierWindow } from '../policies/loyalty.policy';
import { churnedError, stamp, type Decision } from './decision';

export function acquire(command: AcquireCustomer, state: CustomerState): Decision {
  if (state.status !== 'none') {
    return domainError('customer-already-acquired', `customer ${command.customerId} was already acquired`, {
      customerId: command.customerId,
    });
  }
  const { customerType, channel, assets, riskProfile, acquisitionCost, personal } = command.data;
  return [
    {
      type: 'CustomerAcquired',
      data: {
        ...stamp(command),
        customerType,
        channel,
        assets,
        riskProfile,
        ...(acquisitionCost ? { acquisitionCost } : {}),
        ...(personal ? { personal } : {}),
      },
    },
  ];
}

export function activate(command: ActivateCustomer, state: KnownCustomer, config: DomainConfig): Decision {
  const churned = churnedError(command, state);
  if (churned) return churned;
  if (state.status === 'active') {
    return domainError('customer-already-active', `customer ${command.customerId} is already active`, {
      activatedAt: state.activatedAt,
    });
  }
  const { occurredAt } = command;
  const pointsEarned = config.loyalty.activationBonus;
  const window = tierWindow(occurredAt, config.loyalty);
  const tierAfter = tierFor(pointsInWindow(state.loyalty.recentEarnings, window) + pointsEarned, config.loyalty);
  const tierWindowStartDay = window.firstDay;
  const data = { ...stamp(command), product: command.data.product, pointsEarned, tierAfter, tierWindowStartDay };
  return [{ type: 'CustomerActivated', data }];
}

export function updateProfile(command: UpdateCustomerProfile, state: KnownCustomer): Decision {
  const churned = churnedError(command, state);
  if (churned) return churned;
  const { assets, riskProfile } = command.data;
  if (assets === undefined && riskProfile === undefined) {
    return domainError('nothing-to-update', 'give assets, a risk profile or both');
  }
  return [
    {
      type: 'CustomerProfileUpdated',
      data: { ...stamp(command), ...(assets ? { assets } : {}), ...(riskProfile ? { riskProfile } : {}) },
    },
  ];
}

export function churn(command: ChurnCustomer, state: KnownCustomer): Decision {
  const churned = churnedError(command, state);
  if (churned) return churned;
  return [{ type: 'CustomerChurned', data: { ...stamp(command), reason: command.data.reason } }];
}

export function reactivate(command: ReactivateCustomer, state: KnownCustomer): Decision {
  if (state.status !== 'churned') {
    return domainError('customer-not-churned', `customer ${command.customerId} has not churned`, {
      status: state.status,
    });
  }
  const { reason } = command.data;
  return [{ type: 'CustomerReactivated', data: { ...stamp(command), ...(reason === undefined ? {} : { reason }) } }];
}

/** Allowed in every stage, churned included: erasure on request is a legal duty (design.md §7). */
export function erasePersonalData(command: ErasePersonalData, state: KnownCustomer): Decision {
  if (state.personalDataErasedAt !== undefined) {
    return domainError('personal-data-already-erased', `personal data of ${command.customerId} is already erased`, {
      erasedAt: state.personalDataErasedAt,
    });
  }
  const keyId = state.personal?.keyId ?? 'none';
  return [{ type: 'PersonalDataErased', data: { ...stamp(command), keyId, requestedBy: command.data.requestedBy } }];
}
