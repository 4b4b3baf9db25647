import {
  CUSTOMER_ID,
  T0,
  activeCustomerHistory,
  at,
  cny,
  customerAcquired,
  customerChurned,
  deciderSpec,
  pointsRedeemed,
  recordTransaction,
  redeemPoints,
  transactionRecorded,
} from '@rapport/testing';
import type { RecordTransaction } from './customer.commands';
import type { CustomerEvent } from './customer.events';
import { createCustomerDecider } from './customer.decider';
import type { LoyaltyTier } from './customer.values';
import { defaultLoyaltyConfig, windowStartDay } from './policies/loyalty.policy';

const spec = deciderSpec(createCustomerDecider());
const stamp = { customerId: CUSTOMER_ID, occurredAt: T0 };

function newTransaction(occurredAt: string, amount: string): RecordTransaction {
  return recordTransaction({ transactionId: 'txn-new', occurredAt, amount: cny(amount), revenue: undefined });
}

function recorded(occurredAt: string, amount: string, pointsEarned: number, tierAfter: LoyaltyTier): CustomerEvent {
  return {
    type: 'TransactionRecorded',
    data: {
      ...stamp,
      occurredAt,
      transactionId: 'txn-new',
      amount: cny(amount),
      productCategory: 'deposit',
      pointsEarned,
      tierAfter,
      tierWindowStartDay: windowStartDay(occurredAt, defaultLoyaltyConfig),
    },
  };
}

/** A transaction that moves the tier is followed by the change (cause `earned`). */
function tierChanged(occurredAt: string, from: LoyaltyTier, to: LoyaltyTier): CustomerEvent {
  return {
    type: 'LoyaltyTierChanged',
    data: { ...stamp, occurredAt, from, to, cause: 'earned', windowStartDay: windowStartDay(occurredAt, defaultLoyaltyConfig) },
  };
}

describe('an active customer recording transactions', () => {
  it('records a transaction with the points it earns', () => {
    spec
      .given(...activeCustomerHistory())
      .when(recordTransaction({ occurredAt: at({ days: 1 }), amount: cny('1999.99') }))
      .then([
        {
          type: 'TransactionRecorded',
          data: {
            ...stamp,
            occurredAt: at({ days: 1 }),
            transactionId: 'txn-1',
            amount: cny('1999.99'),
            productCategory: 'deposit',
            revenue: cny('5.00'),
            pointsEarned: 19,
            tierAfter: 'Bronze',
            tierWindowStartDay: '2025-01-07',
          },
        },
      ]);
  });

  it('ignores a transaction id it already recorded', () => {
    spec
      .given(...activeCustomerHistory(), transactionRecorded())
      .when(recordTransaction())
      .thenNothing();
  });

  it('earns at the tier held before the transaction and reports the tier after it', () => {
    // 200 (activation) + 790 = 990 points: Bronze before; 2,000 CNY earns 20 at Bronze (not 24 at Silver).
    const history = [...activeCustomerHistory(), transactionRecorded({ amount: cny('79000.00'), pointsEarned: 790 })];
    spec
      .given(...history)
      .when(newTransaction(at({ days: 1 }), '2000.00'))
      .then([recorded(at({ days: 1 }), '2000.00', 20, 'Silver'), tierChanged(at({ days: 1 }), 'Bronze', 'Silver')]);
  });

  it('earns at Silver once the window holds 1,000 points', () => {
    const silver = transactionRecorded({ amount: cny('80000.00'), pointsEarned: 800, tierAfter: 'Silver' });
    spec
      .given(...activeCustomerHistory(), silver)
      .when(newTransaction(at({ days: 1 }), '1000.00'))
      .then([recorded(at({ days: 1 }), '1000.00', 12, 'Silver')]);
  });

  // The stored tier (Gold) is stale once the window slides past T0's day; the tier is worked out afresh.
  const gold = transactionRecorded({ amount: cny('500000.00'), pointsEarned: 5000, tierAfter: 'Gold' });
  const goldAtT0 = [...activeCustomerHistory(), gold];
  it.each<[string, string, number, LoyaltyTier]>([
    ['a day before the 12-month boundary', at({ months: 12, days: -1 }), 15, 'Gold'],
    ['12 months to the instant later', at({ months: 12 }), 10, 'Bronze'],
    ['13 months later', at({ months: 13 }), 10, 'Bronze'],
  ])('uses the trailing window as of the transaction, %s', (_case, occurredAt, points, tierAfter) => {
    spec
      .given(...goldAtT0)
      .when(newTransaction(occurredAt, '1000.00'))
      .then([
        recorded(occurredAt, '1000.00', points, tierAfter),
        ...(tierAfter === 'Gold' ? [] : [tierChanged(occurredAt, 'Gold', tierAfter)]),
      ]);
  });
});

describe('an active customer redeeming points', () => {
  it('redeems the whole balance', () => {
    spec
      .given(...activeCustomerHistory())
      .when(redeemPoints({ points: 200 }))
      .then([
        {
          type: 'PointsRedeemed',
          data: { ...stamp, redemptionId: 'rdm-1', points: 200, reward: 'cinema-ticket', balanceAfter: 0 },
        },
      ]);
  });

  it('cannot redeem more than the balance', () => {
    spec
      .given(...activeCustomerHistory())
      .when(redeemPoints({ points: 201 }))
      .thenFails('insufficient-points');
  });

  it('counts earlier redemptions against the balance', () => {
    spec
      .given(...activeCustomerHistory(), pointsRedeemed({ points: 100 }))
      .when(redeemPoints({ redemptionId: 'rdm-2', points: 101 }))
      .thenFails('insufficient-points');
  });

  it('ignores a redemption id it already used, even though the balance no longer covers it', () => {
    spec
      .given(...activeCustomerHistory(), pointsRedeemed({ points: 150 }))
      .when(redeemPoints({ points: 150 }))
      .thenNothing();
  });
});

describe('a prospect', () => {
  it('has no points to redeem', () => {
    spec
      .given(customerAcquired())
      .when(redeemPoints({ points: 1 }))
      .thenFails('insufficient-points');
  });
});

describe('a churned customer receiving a redelivered message', () => {
  const churned = [...activeCustomerHistory(), transactionRecorded(), pointsRedeemed(), customerChurned()];

  it('ignores a transaction id it already recorded (duplicate check before the churn check)', () => {
    spec
      .given(...churned)
      .when(recordTransaction())
      .thenNothing();
  });

  it('ignores a redemption id it already used', () => {
    spec
      .given(...churned)
      .when(redeemPoints())
      .thenNothing();
  });
});

describe('an active customer receiving a transaction id again', () => {
  const history = [...activeCustomerHistory(), transactionRecorded()];

  it('ignores the same id with the same content, whatever its business time', () => {
    spec
      .given(...history)
      .when(recordTransaction({ occurredAt: at({ days: 3 }) }))
      .thenNothing();
  });

  it.each([
    ['amount', { amount: cny('1000.01') }],
    ['currency', { amount: { amount: '1000.00', currency: 'USD' } }],
    ['product category', { productCategory: 'loan' }],
    ['revenue', { revenue: cny('5.01') }],
    ['missing revenue', { revenue: undefined }],
  ])('refuses the same id with a different %s', (_, change) => {
    spec
      .given(...history)
      .when(recordTransaction(change))
      .thenFails('conflicting-duplicate');
  });
});
