import {
  addEarning,
  NO_DAILY_POINTS,
  tierLapseDay,
  type DailyPoints,
  type LoyaltyConfig,
  type LoyaltyTier,
} from '@rapport/customer-domain';
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
   * The tier the domain recorded last (design.md §2: points earned in the trailing 12 months): with an earning,
   * or by LoyaltyTierChanged, which the time sweep appends when the window lapses.
   */
  readonly tier: LoyaltyTier;
  /** Points per UTC day inside the latest recorded window (customer.state.ts DailyPoints). */
  readonly recentEarnings?: DailyPoints;
  /** The UTC day on which the tier falls if nothing more is earned (loyalty.policy.ts tierLapseDay); null for Bronze. */
  readonly tierLapsesOn?: string | null;
}

const HANDLED = eventTypes('CustomerAcquired', 'CustomerActivated', 'TransactionRecorded', 'PointsRedeemed', 'LoyaltyTierChanged');

export function applyToLoyaltyAccount(current: LoyaltyAccount | null, event: ProjectedEvent, config: LoyaltyConfig): LoyaltyAccount | null {
  const account = accountAfter(current, event);
  if (account === null || account === current) return account;
  return withTierLapse(account, tierLapseDay(account.recentEarnings ?? NO_DAILY_POINTS, account.tier, config));
}

/**
 * The account with the day its tier lapses, built field by field so that the accounts the rule
 * returns have one of two shapes (with or without earnings) however they were made: documents read
 * back, made at acquisition and changed by spreads differ, and the next event's spread of an
 * account of unknown shape is slow. Applying a rebuild's events in memory: 5.3 → 3.3 µs an event.
 */
function withTierLapse(account: LoyaltyAccount, tierLapsesOn: string | null): LoyaltyAccount {
  const { customerId, balance, lifetimeEarned, redeemed, tier, recentEarnings } = account;
  return recentEarnings === undefined
    ? { customerId, balance, lifetimeEarned, redeemed, tier, tierLapsesOn }
    : { customerId, balance, lifetimeEarned, redeemed, tier, recentEarnings, tierLapsesOn };
}

function accountAfter(current: LoyaltyAccount | null, event: ProjectedEvent): LoyaltyAccount | null {
  if (event.type === 'CustomerAcquired') {
    return current ?? { customerId: event.customerId, balance: 0, lifetimeEarned: 0, redeemed: 0, tier: 'Bronze' };
  }
  if (current === null) return null;
  switch (event.type) {
    case 'CustomerActivated':
    case 'TransactionRecorded':
      return earned(current, event.data);
    case 'LoyaltyTierChanged':
      return {
        ...current,
        tier: event.data.to,
        recentEarnings: addEarning(current.recentEarnings ?? NO_DAILY_POINTS, event.data.occurredAt, 0, event.data.windowStartDay),
      };
    case 'PointsRedeemed':
      return { ...current, balance: event.data.balanceAfter, redeemed: current.redeemed + event.data.points };
    default:
      return current;
  }
}

interface Earning {
  readonly occurredAt: string;
  readonly pointsEarned: number;
  readonly tierAfter: LoyaltyTier;
  readonly tierWindowStartDay: string;
}

function earned(account: LoyaltyAccount, data: Earning): LoyaltyAccount {
  const points = data.pointsEarned;
  return {
    ...account,
    balance: account.balance + points,
    lifetimeEarned: account.lifetimeEarned + points,
    tier: data.tierAfter,
    recentEarnings: addEarning(account.recentEarnings ?? NO_DAILY_POINTS, data.occurredAt, points, data.tierWindowStartDay),
  };
}

export function loyaltyAccountRule(config: LoyaltyConfig): DocumentRule<LoyaltyAccount, null> {
  return {
    collection: LOYALTY_ACCOUNTS,
    handles: HANDLED,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => applyToLoyaltyAccount(current, event, config),
  };
}

export function loyaltyProjection(config: LoyaltyConfig): Projection {
  return {
    name: 'loyalty',
    shapeVersion: 2,
    collections: [
      {
        name: LOYALTY_ACCOUNTS,
        indexes: [
          { name: 'leaderboard', fields: [{ field: 'lifetimeEarned', direction: 'desc' }] },
          { name: 'tier_lapse', fields: [{ field: 'tierLapsesOn', direction: 'asc' }] },
        ],
      },
    ],
    documents: [loyaltyAccountRule(config)],
  };
}
