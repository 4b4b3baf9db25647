import { compareInstants, type Instant } from '@rapport/kernel';
import type { CustomerActivated, LoyaltyTierChanged, PointsRedeemed, TransactionRecorded } from '../customer.events';
import type { KnownCustomer, LoyaltyState } from '../customer.state';
import type { LoyaltyTier } from '../customer.values';
import { addEarning } from '../policies/loyalty.policy';
import { transactionContent } from '../transaction-content';
import { touched } from './touched';

/** Only a prospect can be activated; activation credits the bonus and the tier it carries. */
export function activated(state: KnownCustomer, event: CustomerActivated): KnownCustomer {
  if (state.status !== 'acquired') return state;
  const { occurredAt } = event.data;
  const loyalty = earned(state.loyalty, event);
  return { ...state, status: 'active', activatedAt: occurredAt, loyalty, lastEventAt: occurredAt };
}

/** The tier comes from the event (tierAfter): it is what the decider worked out and recorded. */
export function transactionRecorded(state: KnownCustomer, event: TransactionRecorded): KnownCustomer {
  const { transactionId, occurredAt } = event.data;
  return touched(state, event, {
    transactionIds: state.transactionIds.with(transactionId, transactionContent(event.data)),
    transactionCount: state.transactionCount + 1,
    lastTransactionAt: later(state.lastTransactionAt, occurredAt),
    loyalty: earned(state.loyalty, event),
  });
}

/** Redemption lowers the balance, never the lifetime total nor the tier (design.md §2). */
export function pointsRedeemed(state: KnownCustomer, event: PointsRedeemed): KnownCustomer {
  const { redemptionId, points } = event.data;
  const { loyalty } = state;
  return touched(state, event, {
    redemptionIds: state.redemptionIds.with(redemptionId),
    loyalty: { ...loyalty, balance: loyalty.balance - points, redeemed: loyalty.redeemed + points },
  });
}

/** The tier the event records; earnings before its window start count for no later tier. */
export function tierChanged(state: KnownCustomer, event: LoyaltyTierChanged): KnownCustomer {
  const { loyalty } = state;
  const { to, occurredAt, windowStartDay } = event.data;
  return touched(state, event, {
    loyalty: { ...loyalty, tier: to, recentEarnings: addEarning(loyalty.recentEarnings, occurredAt, 0, windowStartDay) },
  });
}

interface Earning {
  readonly data: {
    readonly occurredAt: Instant;
    readonly pointsEarned: number;
    readonly tierAfter: LoyaltyTier;
    readonly tierWindowStartDay: string;
  };
}

/** Points credited to the balance, the lifetime total and their UTC day, at the tier the event records. */
function earned(loyalty: LoyaltyState, { data }: Earning): LoyaltyState {
  return {
    ...loyalty,
    balance: loyalty.balance + data.pointsEarned,
    lifetimeEarned: loyalty.lifetimeEarned + data.pointsEarned,
    tier: data.tierAfter,
    recentEarnings: addEarning(loyalty.recentEarnings, data.occurredAt, data.pointsEarned, data.tierWindowStartDay),
  };
}

/** The later of two instants: events may arrive out of business-time order. */
function later(current: Instant | undefined, candidate: Instant): Instant {
  return current === undefined || compareInstants(candidate, current) >= 0 ? candidate : current;
}
