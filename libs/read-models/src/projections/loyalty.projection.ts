import type { LoyaltyTier } from '@rapport/customer-domain';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';

export const LOYALTY_ACCOUNTS = 'loyalty_accounts_v1';

/** api.md GET /v1/loyalty/{id}; the leaderboard reads the same documents sorted by lifetimeEarned. */
export interface LoyaltyAccount {
  readonly customerId: string;
  readonly balance: number;
  readonly lifetimeEarned: number;
  readonly redeemed: number;
  /**
   * The tier the domain recorded with the latest earning, activation included (design.md §2: points earned in the
   * trailing 12 months). Like the customer state, it is re-judged at the next earning, not as time passes.
   */
  readonly tier: LoyaltyTier;
}

const HANDLED = eventTypes('CustomerAcquired', 'CustomerActivated', 'TransactionRecorded', 'PointsRedeemed');

export function applyToLoyaltyAccount(current: LoyaltyAccount | null, event: ProjectedEvent): LoyaltyAccount | null {
  if (event.type === 'CustomerAcquired') {
    return current ?? { customerId: event.customerId, balance: 0, lifetimeEarned: 0, redeemed: 0, tier: 'Bronze' };
  }
  if (current === null) return null;
  switch (event.type) {
    case 'CustomerActivated':
    case 'TransactionRecorded':
      return earned(current, event.data.pointsEarned, event.data.tierAfter);
    case 'PointsRedeemed':
      return { ...current, balance: event.data.balanceAfter, redeemed: current.redeemed + event.data.points };
    default:
      return current;
  }
}

function earned(account: LoyaltyAccount, points: number, tier: LoyaltyTier): LoyaltyAccount {
  return { ...account, balance: account.balance + points, lifetimeEarned: account.lifetimeEarned + points, tier };
}

export function loyaltyAccountRule(): DocumentRule<LoyaltyAccount, null> {
  return {
    collection: LOYALTY_ACCOUNTS,
    handles: HANDLED,
    idsOf: (event) => [event.customerId],
    apply: applyToLoyaltyAccount,
  };
}

export function loyaltyProjection(): Projection {
  return {
    name: 'loyalty',
    collections: [{ name: LOYALTY_ACCOUNTS, indexes: [{ name: 'leaderboard', fields: [{ field: 'lifetimeEarned', direction: 'desc' }] }] }],
    documents: [loyaltyAccountRule()],
  };
}
