import type { CustomerCommand, RecordTransaction, RedeemPoints, ReviewLoyaltyTier } from '../customer.commands';
import type { LoyaltyTierChanged } from '../customer.events';
import type { LoyaltyTier } from '../customer.values';
import type { DomainConfig } from '../customer.config';
import { domainError } from '../customer.errors';
import type { KnownCustomer } from '../customer.state';
import { pointsInWindow, tierFor, tierWindow, transactionPoints } from '../policies/loyalty.policy';
import { transactionContent } from '../transaction-content';
import { churnedError, duplicate, stamp, type Decision } from './decision';

type TierChangeCause = LoyaltyTierChanged['data']['cause'];

/**
 * Points use the multiplier of the tier held just before the transaction, worked out from
 * the trailing window as of its occurredAt: the stored tier may be stale (the window slides).
 */
export function recordTransaction(command: RecordTransaction, state: KnownCustomer, config: DomainConfig): Decision {
  const { transactionId, amount, productCategory, revenue } = command.data;
  if (state.transactionIds.has(transactionId)) return repeatedTransaction(command, state);
  const churned = churnedError(command, state);
  if (churned) return churned;
  if (state.status !== 'active') {
    return domainError('customer-not-active', `customer ${command.customerId} has not been activated`, {
      status: state.status,
    });
  }
  const window = tierWindow(command.occurredAt, config.loyalty);
  const windowPoints = pointsInWindow(state.loyalty.recentEarnings, window);
  const pointsEarned = transactionPoints(amount, tierFor(windowPoints, config.loyalty), config.loyalty);
  const tierAfter = tierFor(windowPoints + pointsEarned, config.loyalty);
  const tierWindowStartDay = window.firstDay;
  const change = tierChange(state.loyalty.tier, tierAfter, 'earned', command, tierWindowStartDay);
  return [
    {
      type: 'TransactionRecorded',
      data: {
        ...stamp(command),
        transactionId,
        amount,
        productCategory,
        ...(revenue ? { revenue } : {}),
        pointsEarned,
        tierAfter,
        tierWindowStartDay,
      },
    },
    ...change,
  ];
}

/**
 * A repeat of a recorded id with the same content is a redelivery (no-op); with other content it is a
 * second transaction under a used id, refused rather than dropped. Ids recorded without a tag match any content.
 */
function repeatedTransaction(command: RecordTransaction, state: KnownCustomer): Decision {
  const { transactionId } = command.data;
  const recorded = state.transactionIds.tagOf(transactionId);
  if (recorded === undefined || recorded === transactionContent(command.data)) return duplicate();
  return domainError('conflicting-duplicate', `transaction ${transactionId} was recorded with different content`, {
    field: 'transactionId',
    transactionId,
  });
}

/** Redemption spends the balance, not the window's earnings; the tier is re-judged as of it all the same. */
export function redeemPoints(command: RedeemPoints, state: KnownCustomer, config: DomainConfig): Decision {
  const { redemptionId, points, reward } = command.data;
  if (state.redemptionIds.has(redemptionId)) return duplicate();
  const churned = churnedError(command, state);
  if (churned) return churned;
  const { balance } = state.loyalty;
  if (points > balance) {
    return domainError('insufficient-points', `redeeming ${points} points needs more than the balance of ${balance}`, {
      balance,
      requested: points,
    });
  }
  const balanceAfter = balance - points;
  return [
    { type: 'PointsRedeemed', data: { ...stamp(command), redemptionId, points, reward, balanceAfter } },
    ...tierAsOf(command, state, config, 'redeemed'),
  ];
}

/** The time sweep's judgement: the tier as of occurredAt, recorded only when it moved, so a repeat is a no-op. */
export function reviewLoyaltyTier(command: ReviewLoyaltyTier, state: KnownCustomer, config: DomainConfig): Decision {
  return tierAsOf(command, state, config, 'window-lapsed');
}

function tierAsOf(command: CustomerCommand, state: KnownCustomer, config: DomainConfig, cause: TierChangeCause): LoyaltyTierChanged[] {
  const window = tierWindow(command.occurredAt, config.loyalty);
  const tier = tierFor(pointsInWindow(state.loyalty.recentEarnings, window), config.loyalty);
  return tierChange(state.loyalty.tier, tier, cause, command, window.firstDay);
}

function tierChange(
  from: LoyaltyTier,
  to: LoyaltyTier,
  cause: TierChangeCause,
  command: CustomerCommand,
  tierWindowStartDay: string,
): LoyaltyTierChanged[] {
  if (from === to) return [];
  return [{ type: 'LoyaltyTierChanged', data: { ...stamp(command), from, to, cause, windowStartDay: tierWindowStartDay } }];
}
