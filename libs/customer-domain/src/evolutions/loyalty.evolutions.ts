import { isCanonicalInstant } from '@rapport/kernel';
import type { DomainConfig } from '../customer.config';
import type { CustomerActivated, PointsRedeemed, TransactionRecorded } from '../customer.events';
import type { KnownCustomer, LoyaltyState } from '../customer.state';
import { addEarning, pointsInWindow, tierFor } from '../policies/loyalty.policy';
import { touched } from './touched';

/** Only a prospect can be activated; activation credits the bonus it carries. */
export function activated(state: KnownCustomer, event: CustomerActivated, config: DomainConfig): KnownCustomer {
  if (state.status !== 'acquired') return state;
  const { occurredAt, pointsEarned } = event.data;
  const credited = earned(state.loyalty, pointsEarned, occurredAt, config);
  const tier = tierFor(pointsInWindow(credited.recentEarnings, occurredAt, config.loyalty), config.loyalty);
  const loyalty = { ...credited, tier };
  return { ...state, status: 'active', activatedAt: occurredAt, loyalty, lastEventAt: occurredAt };
}

/** The tier comes from the event (tierAfter): it is what the decider worked out and recorded. */
export function transactionRecorded(
  state: KnownCustomer,
  event: TransactionRecorded,
  config: DomainConfig,
): KnownCustomer {
  const { transactionId, occurredAt, pointsEarned, tierAfter } = event.data;
  return touched(state, event, {
    transactionIds: state.transactionIds.with(transactionId),
    transactionCount: state.transactionCount + 1,
    lastTransactionAt: later(state.lastTransactionAt, occurredAt),
    loyalty: { ...earned(state.loyalty, pointsEarned, occurredAt, config), tier: tierAfter },
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

/** Points credited to the balance, the lifetime total and their UTC day; the caller sets the tier. */
function earned(loyalty: LoyaltyState, points: number, occurredAt: string, config: DomainConfig): LoyaltyState {
  return {
    ...loyalty,
    balance: loyalty.balance + points,
    lifetimeEarned: loyalty.lifetimeEarned + points,
    recentEarnings: addEarning(loyalty.recentEarnings, occurredAt, points, config.loyalty),
  };
}

/** The later of two ISO instants: events may arrive out of business-time order. */
function later(current: string | undefined, candidate: string): string {
  if (current === undefined) return candidate;
  // Canonical instants (kernel periods.ts) sort as text; any other form is parsed.
  const isCandidateLater =
    isCanonicalInstant(candidate) && isCanonicalInstant(current)
      ? candidate >= current
      : Date.parse(candidate) >= Date.parse(current);
  return isCandidateLater ? candidate : current;
}
