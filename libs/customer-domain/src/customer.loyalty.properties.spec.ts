import { activateCustomer, acquireCustomer, cny, recordTransaction } from '@rapport/testing';
import fc from 'fast-check';
import { defaultDomainConfig } from './customer.config';
import { createCustomerDecider } from './customer.decider';
import { isDomainError } from './customer.errors';
import type { CustomerEvent } from './customer.events';
import type { CustomerState } from './customer.state';
import { defaultLoyaltyConfig, tierFor, transactionPoints, windowStartDay, type LoyaltyConfig } from './policies/loyalty.policy';

const START = Date.parse('2024-01-01T00:00:00.000Z');
const HOUR = 3_600_000;

const loyaltyConfig = fc.record({
  activationBonus: fc.constantFrom(0, 200, 1000),
  tierMultipliers: fc.constant(defaultLoyaltyConfig.tierMultipliers),
  tierThresholds: fc.constantFrom(defaultLoyaltyConfig.tierThresholds, { Silver: 100, Gold: 400, Platinum: 1500 }),
  tierWindowMonths: fc.constantFrom(1, 3, 12, 13),
});

/** Transactions in time order: hours after the previous one, and an amount in whole hundreds of CNY. */
const transactions = fc.array(fc.tuple(fc.nat({ max: 24 * 40 }), fc.integer({ min: -5, max: 800 })), { maxLength: 60 });

type Earning = { readonly day: string; readonly points: number };

/** The definition (design.md §2): points earned on the days from the window's first day through the day of `asOf`. */
function pointsInTrailingWindow(earnings: readonly Earning[], asOf: string, config: LoyaltyConfig): number {
  const firstDay = windowStartDay(asOf, config);
  return earnings.filter(({ day }) => day >= firstDay && day <= asOf.slice(0, 10)).reduce((sum, { points }) => sum + points, 0);
}

describe('loyalty on generated histories in time order, against the definition over every earning ever made', () => {
  it('each transaction earns at the tier its trailing window gives, and records the tier after it', () => {
    fc.assert(
      fc.property(loyaltyConfig, transactions, (loyalty, steps) => {
        const decider = createCustomerDecider({ ...defaultDomainConfig, loyalty });
        let state: CustomerState = decider.initialState;
        const apply = (events: readonly CustomerEvent[]) => (state = events.reduce(decider.evolve, state));
        const earnings: Earning[] = [];
        const acquiredAt = new Date(START).toISOString();
        apply(decided(decider.decide(acquireCustomer({ occurredAt: acquiredAt }), state)));
        apply(decided(decider.decide(activateCustomer({ occurredAt: acquiredAt }), state)));
        earnings.push({ day: acquiredAt.slice(0, 10), points: loyalty.activationBonus });
        let tierHeld = tierFor(loyalty.activationBonus, loyalty);
        let time = START;
        steps.forEach(([hours, hundreds], index) => {
          time += hours * HOUR;
          const occurredAt = new Date(time).toISOString();
          const amount = cny(`${hundreds * 100}.00`);
          const before = pointsInTrailingWindow(earnings, occurredAt, loyalty);
          const events = decided(decider.decide(recordTransaction({ transactionId: `t-${index}`, occurredAt, amount }), state));
          const points = transactionPoints(amount, tierFor(before, loyalty), loyalty);
          const tierAfter = tierFor(before + points, loyalty);
          const change =
            tierAfter === tierHeld
              ? []
              : [
                  expect.objectContaining({
                    type: 'LoyaltyTierChanged',
                    data: expect.objectContaining({ from: tierHeld, to: tierAfter, cause: 'earned' }),
                  }),
                ];
          expect(events).toEqual([
            expect.objectContaining({ data: expect.objectContaining({ pointsEarned: points, tierAfter }) }),
            ...change,
          ]);
          tierHeld = tierAfter;
          earnings.push({ day: occurredAt.slice(0, 10), points });
          apply(events);
        });
      }),
      { numRuns: 200 },
    );
  });
});

function decided(decision: ReturnType<ReturnType<typeof createCustomerDecider>['decide']>): readonly CustomerEvent[] {
  if (isDomainError(decision)) throw new Error(`unexpected ${decision.code}`);
  return decision;
}
