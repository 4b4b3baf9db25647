import type { RecordTransaction, RedeemPoints } from '../customer.commands';
import type { DomainConfig } from '../customer.config';
import { domainError } from '../customer.errors';
import type { KnownCustomer } from '../customer.state';
import { pointsInWindow, tierFor, transactionPoints, windowStartDay } from '../policies/loyalty.policy';
import { transactionContent } from '../transaction-content';
import { churnedError, duplicate, stamp, type Decision } from './decision';

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
  const windowPoints = pointsInWindow(state.loyalty.recentEarnings, command.occurredAt, config.loyalty);
  const pointsEarned = transactionPoints(amount, tierFor(windowPoints, config.loyalty), config.loyalty);
  const tierAfter = tierFor(windowPoints + pointsEarned, config.loyalty);
  const tierWindowStartDay = windowStartDay(command.occurredAt, config.loyalty);
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

export function redeemPoints(command: RedeemPoints, state: KnownCustomer): Decision {
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
  return [{ type: 'PointsRedeemed', data: { ...stamp(command), redemptionId, points, reward, balanceAfter } }];
}
