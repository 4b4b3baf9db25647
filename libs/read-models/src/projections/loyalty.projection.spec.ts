import { at, cny, customerAcquired, customerActivated, pointsRedeemed, transactionRecorded } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { LOYALTY_ACCOUNTS, loyaltyProjection } from './loyalty.projection';

const accountOf = async (...events: Parameters<typeof project>[1]) =>
  ((await project(loyaltyProjection(), events))[LOYALTY_ACCOUNTS] ?? [])[0];

describe('loyalty projection', () => {
  it('a new customer has an empty Bronze account', async () => {
    expect(await accountOf(customerAcquired())).toEqual({
      _id: 'cust-0001',
      position: 10,
      customerId: 'cust-0001',
      balance: 0,
      lifetimeEarned: 0,
      redeemed: 0,
      tier: 'Bronze',
    });
  });

  it('earns the activation bonus and the points each transaction carries, with the tier the domain recorded', async () => {
    const account = await accountOf(
      customerAcquired(),
      customerActivated(),
      transactionRecorded({
        transactionId: 't1',
        amount: cny('90000.00'),
        pointsEarned: 900,
        tierAfter: 'Silver',
        occurredAt: at({ days: 1 }),
      }),
      transactionRecorded({
        transactionId: 't2',
        amount: cny('1000.00'),
        pointsEarned: 12,
        tierAfter: 'Silver',
        occurredAt: at({ days: 2 }),
      }),
    );
    // 200 + 900 + 12 (10 × 1.2 at Silver)
    expect(account).toMatchObject({ balance: 1112, lifetimeEarned: 1112, redeemed: 0, tier: 'Silver' });
  });

  it('a redemption lowers the balance to the recorded balance after it, never the lifetime total or the tier', async () => {
    const account = await accountOf(customerAcquired(), customerActivated(), pointsRedeemed({ points: 150, balanceAfter: 50 }));
    expect(account).toMatchObject({ balance: 50, lifetimeEarned: 200, redeemed: 150, tier: 'Bronze' });
  });

  it('an activation takes the tier the domain recorded with its bonus', async () => {
    expect(await accountOf(customerAcquired(), customerActivated({ pointsEarned: 5000, tierAfter: 'Gold' }))).toMatchObject({
      balance: 5000,
      tier: 'Gold',
    });
  });
});
