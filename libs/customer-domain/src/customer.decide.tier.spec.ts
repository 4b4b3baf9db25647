import {
  CUSTOMER_ID,
  activeCustomerHistory,
  at,
  cny,
  deciderSpec,
  recordTransaction,
  redeemPoints,
  reviewLoyaltyTier,
  transactionRecorded,
} from '@rapport/testing';
import { createCustomerDecider } from './customer.decider';
import type { CustomerEvent, LoyaltyTierChanged } from './customer.events';
import type { LoyaltyTier } from './customer.values';
import { defaultLoyaltyConfig, windowStartDay } from './policies/loyalty.policy';

const spec = deciderSpec(createCustomerDecider());
// 200 (activation) + 19,800 at T0 = 20,000 points in the window: Platinum until T0's day leaves it
const platinum = [
  ...activeCustomerHistory(),
  transactionRecorded({ amount: cny('1980000.00'), pointsEarned: 19_800, tierAfter: 'Platinum' }),
];
const lapsed = at({ months: 12 });
const tierChanged = (
  occurredAt: string,
  from: LoyaltyTier,
  to: LoyaltyTier,
  cause: LoyaltyTierChanged['data']['cause'],
): CustomerEvent => ({
  type: 'LoyaltyTierChanged',
  data: { customerId: CUSTOMER_ID, occurredAt, from, to, cause, windowStartDay: windowStartDay(occurredAt, defaultLoyaltyConfig) },
});

describe('a Platinum customer who stops earning', () => {
  it('keeps the tier while the earnings are inside the trailing window', () => {
    spec
      .given(...platinum)
      .when(reviewLoyaltyTier({ occurredAt: at({ months: 12, days: -1 }) }))
      .thenNothing();
  });

  it('falls to Bronze when the window lapses', () => {
    spec
      .given(...platinum)
      .when(reviewLoyaltyTier({ occurredAt: lapsed }))
      .then([tierChanged(lapsed, 'Platinum', 'Bronze', 'window-lapsed')]);
  });

  it('is judged once: a second review after the fall changes nothing', () => {
    spec
      .given(...platinum, tierChanged(lapsed, 'Platinum', 'Bronze', 'window-lapsed'))
      .when(reviewLoyaltyTier({ occurredAt: at({ months: 12, days: 1 }) }))
      .thenNothing();
  });

  it('falls beside a redemption made after the window lapsed', () => {
    const redemption = redeemPoints({ occurredAt: lapsed, points: 100 });
    spec
      .given(...platinum)
      .when(redemption)
      .then([
        {
          type: 'PointsRedeemed',
          data: {
            customerId: CUSTOMER_ID,
            occurredAt: lapsed,
            redemptionId: 'rdm-1',
            points: 100,
            reward: 'cinema-ticket',
            balanceAfter: 19_900,
          },
        },
        tierChanged(lapsed, 'Platinum', 'Bronze', 'redeemed'),
      ]);
  });
});

describe('a customer whose earning changes the tier', () => {
  it('records the change beside the transaction', () => {
    // 200 + 790 = 990 points; 2,000 CNY earns 20 at Bronze: 1,010 points, Silver
    const history = [...activeCustomerHistory(), transactionRecorded({ amount: cny('79000.00'), pointsEarned: 790 })];
    const occurredAt = at({ days: 1 });
    spec
      .given(...history)
      .when(recordTransaction({ transactionId: 'txn-2', occurredAt, amount: cny('2000.00') }))
      .then([
        transactionRecorded({ transactionId: 'txn-2', occurredAt, amount: cny('2000.00'), pointsEarned: 20, tierAfter: 'Silver' }),
        tierChanged(occurredAt, 'Bronze', 'Silver', 'earned'),
      ]);
  });
});
