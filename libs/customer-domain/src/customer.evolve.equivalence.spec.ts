import { addDays, addMonths, periodLabel } from '@rapport/kernel';
import {
  activeCustomerHistory,
  customerActivated,
  customerAcquired,
  pointsRedeemed,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import fc from 'fast-check';
import { createCustomerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import type { CustomerState, DailyPoints } from './customer.state';
import { addEarning, defaultLoyaltyConfig, pointsInWindow, pruneEarnings, windowStartDay, type LoyaltyConfig } from './policies/loyalty.policy';

/**
 * The loyalty window helpers and the last-transaction time now skip Date objects for canonical
 * instants (kernel periods.ts). These properties hold them to what they computed before, kept
 * here verbatim as the reference, on generated histories: in order, late, odd time forms.
 */
const reference = {
  windowStartDay(asOf: string, config: LoyaltyConfig): string {
    const instantOneWindowEarlier = addMonths(new Date(asOf), -config.tierWindowMonths);
    return periodLabel(addDays(instantOneWindowEarlier, 1), 'day');
  },
  pointsInWindow(recentEarnings: readonly DailyPoints[], asOf: string, config: LoyaltyConfig): number {
    const firstDay = reference.windowStartDay(asOf, config);
    const lastDay = periodLabel(new Date(asOf), 'day');
    return recentEarnings.filter(({ day }) => day >= firstDay && day <= lastDay).reduce((sum, { points }) => sum + points, 0);
  },
  pruneEarnings(recentEarnings: readonly DailyPoints[], asOf: string, config: LoyaltyConfig): readonly DailyPoints[] {
    const firstDay = reference.windowStartDay(asOf, config);
    return recentEarnings.every(({ day }) => day >= firstDay) ? recentEarnings : recentEarnings.filter(({ day }) => day >= firstDay);
  },
  addEarning(recentEarnings: readonly DailyPoints[], occurredAt: string, points: number, config: LoyaltyConfig): readonly DailyPoints[] {
    const pruned = reference.pruneEarnings(recentEarnings, occurredAt, config);
    if (points === 0) return pruned;
    const day = periodLabel(new Date(occurredAt), 'day');
    const last = pruned.at(-1);
    if (last === undefined || last.day < day) return [...pruned, { day, points }];
    if (last.day === day) return [...pruned.slice(0, -1), { day, points: last.points + points }];
    const existing = pruned.find((entry) => entry.day === day);
    const others = pruned.filter((entry) => entry.day !== day);
    const entry = { day, points: (existing?.points ?? 0) + points };
    const insertAt = others.findIndex((other) => other.day > day);
    return [...others.slice(0, insertAt), entry, ...others.slice(insertAt)];
  },
  later(current: string | undefined, candidate: string): string {
    if (current === undefined) return candidate;
    return Date.parse(candidate) >= Date.parse(current) ? candidate : current;
  },
};

const START = Date.parse('2024-01-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** An instant within about three years, written canonically or in another form Date reads. */
const instant = fc.tuple(fc.integer({ min: 0, max: 3 * 365 * 24 }), fc.integer({ min: 0, max: HOUR - 1 }), fc.nat({ max: 9 })).map(([hours, ms, form]) => {
  const iso = new Date(START + hours * HOUR + ms).toISOString();
  if (form === 0) return iso.replace(/\.\d{3}Z$/, 'Z');
  if (form === 1) return `${new Date(START + hours * HOUR + ms + 8 * HOUR).toISOString().slice(0, 23)}+08:00`;
  return iso;
});

const config = fc.record({
  activationBonus: fc.constant(200),
  tierMultipliers: fc.constant(defaultLoyaltyConfig.tierMultipliers),
  tierThresholds: fc.constant(defaultLoyaltyConfig.tierThresholds),
  tierWindowMonths: fc.constantFrom(1, 3, 12, 13, 24),
});

/** Mostly transactions, some with ids seen before, with surveys and redemptions between them. */
const history = fc.array(
  fc.tuple(fc.nat({ max: 9 }), instant, fc.nat({ max: 40 }), fc.nat({ max: 300 })).map(([kind, occurredAt, id, points]): CustomerEvent => {
    if (kind === 0) return satisfactionRecorded({ surveyId: `srv-${id}`, occurredAt });
    if (kind === 1) return pointsRedeemed({ redemptionId: `rdm-${id}`, points, occurredAt });
    return transactionRecorded({ transactionId: `txn-${id}-${occurredAt}`, pointsEarned: points % 7 === 0 ? 0 : points, occurredAt });
  }),
  { maxLength: 120 },
);

function sortedEarnings(steps: readonly (readonly [string, number])[], settings: LoyaltyConfig): readonly DailyPoints[] {
  return steps.reduce<readonly DailyPoints[]>((earnings, [at, points]) => reference.addEarning(earnings, at, points, settings), []);
}

const earningSteps = fc.array(fc.tuple(instant, fc.nat({ max: 50 })), { maxLength: 80 });

describe('the loyalty window helpers give what they gave before', () => {
  it('the first day of the window, for any instant and window length', () => {
    fc.assert(fc.property(instant, config, (asOf, settings) => {
      expect(windowStartDay(asOf, settings)).toBe(reference.windowStartDay(asOf, settings));
    }), { numRuns: 1_000 });
  });

  it('points in the window, pruning and adding, on earnings lists as addEarning builds them', () => {
    fc.assert(fc.property(earningSteps, instant, fc.nat({ max: 50 }), config, (steps, at, points, settings) => {
      const earnings = sortedEarnings(steps, settings);
      expect(pointsInWindow(earnings, at, settings)).toBe(reference.pointsInWindow(earnings, at, settings));
      expect(pruneEarnings(earnings, at, settings)).toEqual(reference.pruneEarnings(earnings, at, settings));
      expect(addEarning(earnings, at, points, settings)).toEqual(reference.addEarning(earnings, at, points, settings));
    }), { numRuns: 500 });
  });
});

describe('evolve on generated histories', () => {
  it('keeps the earnings list and the last transaction time exactly as the previous helpers did', () => {
    fc.assert(fc.property(history, config, (events, settings) => {
      const decider = createCustomerDecider({ loyalty: settings, complaints: { dueDays: 15, escalatedDueDays: 30 } });
      let state: CustomerState = [...activeCustomerHistory()].reduce((folded, event) => decider.evolve(folded, event), decider.initialState);
      let expected = expectedLoyalty(state);
      for (const event of events) {
        const next = decider.evolve(state, event);
        if (next !== state && event.type === 'TransactionRecorded') {
          expected = {
            recentEarnings: reference.addEarning(expected.recentEarnings, event.data.occurredAt, event.data.pointsEarned, settings),
            lastTransactionAt: reference.later(expected.lastTransactionAt, event.data.occurredAt),
          };
        }
        state = next;
        expect(expectedLoyalty(state)).toEqual(expected);
      }
    }), { numRuns: 300 });
  });

  it('credits the activation bonus to the window as before, whatever form the time has', () => {
    fc.assert(fc.property(instant, config, (occurredAt, settings) => {
      const decider = createCustomerDecider({ loyalty: settings, complaints: { dueDays: 15, escalatedDueDays: 30 } });
      const state = [customerAcquired({ occurredAt }), customerActivated({ occurredAt })].reduce(decider.evolve, decider.initialState);
      expect(expectedLoyalty(state).recentEarnings).toEqual(reference.addEarning([], occurredAt, 200, settings));
    }), { numRuns: 300 });
  });
});

function expectedLoyalty(state: CustomerState) {
  if (state.status === 'none') throw new Error('expected a known customer');
  return { recentEarnings: state.loyalty.recentEarnings, lastTransactionAt: state.lastTransactionAt };
}
