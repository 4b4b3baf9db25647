import { defaultLoyaltyConfig, windowStartDay } from '@rapport/customer-domain';
import { at, CUSTOMER_ID, cny, customerAcquired, customerActivated, pointsRedeemed, transactionRecorded } from '@rapport/testing';
import { project } from '../contract/projection-harness';
import { LOYALTY_ACCOUNTS, loyaltyProjection } from './loyalty.projection';

const accountOf = async (...events: Parameters<typeof project>[1]) =>
  ((await project(loyaltyProjection(defaultLoyaltyConfig), events))[LOYALTY_ACCOUNTS] ?? [])[0];

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
      tierLapsesOn: null,
    });
  });

  describe('a Platinum account that stops earning', () => {
    // 200 on 2026-01-05 and 19,800 on 2026-03-09: 20,000 in the window, Platinum
    const platinum = [
      customerAcquired(),
      customerActivated(),
      transactionRecorded({
        amount: cny('1980000.00'),
        pointsEarned: 19_800,
        tierAfter: 'Platinum',
        occurredAt: at({ months: 2, days: 4 }),
      }),
    ];

    it('knows the day the tier lapses: when the activation bonus leaves the 12-month window', async () => {
      // the window ending 2027-01-05 starts 2026-01-06, so 19,800 < 20,000 from that day
      expect(await accountOf(...platinum)).toMatchObject({ tier: 'Platinum', tierLapsesOn: '2027-01-05' });
    });

    it('follows the tier the domain records when the window lapses, and drops the earnings outside it', async () => {
      const lapsedAt = '2027-01-05T00:00:00.000Z';
      const account = await accountOf(...platinum, {
        type: 'LoyaltyTierChanged',
        data: {
          customerId: CUSTOMER_ID,
          occurredAt: lapsedAt,
          from: 'Platinum',
          to: 'Gold',
          cause: 'window-lapsed',
          windowStartDay: windowStartDay(lapsedAt, defaultLoyaltyConfig),
        },
      });
      // Gold needs 5,000: the 19,800 of 2026-03-09 leave the window on 2027-03-09
      expect(account).toMatchObject({
        tier: 'Gold',
        tierLapsesOn: '2027-03-09',
        recentEarnings: { days: ['2026-03-09'], points: [19_800] },
      });
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
