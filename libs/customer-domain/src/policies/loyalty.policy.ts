import { addDays, addMonths, periodLabel, utcDayOf, wholeMajorUnits, type Instant, type Money } from '@rapport/kernel';
import type { DailyPoints } from '../customer.state';
import type { LoyaltyTier } from '../customer.values';

export type PromotedTier = Exclude<LoyaltyTier, 'Bronze'>;

export interface LoyaltyConfig {
  /** Points credited when the customer is activated. */
  readonly activationBonus: number;
  /** Applied to floor(amount / 100); honoured to two decimal places (1.25 works, 1.255 does not). */
  readonly tierMultipliers: Readonly<Record<LoyaltyTier, number>>;
  /** Points earned in the trailing window needed to hold each tier above Bronze. */
  readonly tierThresholds: Readonly<Record<PromotedTier, number>>;
  readonly tierWindowMonths: number;
}

/** Defaults from design.md §2 (Loyalty). */
export const defaultLoyaltyConfig: LoyaltyConfig = {
  activationBonus: 200,
  tierMultipliers: { Bronze: 1.0, Silver: 1.2, Gold: 1.5, Platinum: 2.0 },
  tierThresholds: { Silver: 1000, Gold: 5000, Platinum: 20000 },
  tierWindowMonths: 12,
};

const TIERS_HIGHEST_FIRST: readonly PromotedTier[] = ['Platinum', 'Gold', 'Silver'];

/**
 * floor(floor(amount / 100) × multiplier of the tier held before the transaction), design.md §2.
 * "amount / 100" counts whole hundreds of major units of the transaction's own currency.
 * A zero or negative amount (a refund) earns nothing.
 */
export function transactionPoints(amount: Money, tierBefore: LoyaltyTier, config: LoyaltyConfig): number {
  const hundreds = wholeMajorUnits(amount) / 100n;
  if (hundreds <= 0n) return 0;
  const multiplierHundredths = BigInt(Math.round(config.tierMultipliers[tierBefore] * 100));
  return Number((hundreds * multiplierHundredths) / 100n);
}

/** The highest tier whose threshold the points earned in the trailing window reach. */
export function tierFor(windowPoints: number, config: LoyaltyConfig): LoyaltyTier {
  return TIERS_HIGHEST_FIRST.find((tier) => windowPoints >= config.tierThresholds[tier]) ?? 'Bronze';
}

/**
 * The first UTC day inside the window that ends at `asOf`.
 *
 * Earnings are kept per UTC day (customer.state.ts), so the window has day resolution:
 * it holds the days strictly after the day that contains the instant `tierWindowMonths`
 * calendar months before `asOf`, up to and including the day of `asOf`.
 * For asOf 2026-01-05T09:00Z: 2025-01-06 through 2026-01-05 (2025-01-05 is out).
 */
export function windowStartDay(asOf: Instant, config: LoyaltyConfig): string {
  return periodLabel(addDays(addMonths(new Date(asOf), -config.tierWindowMonths), 1), 'day');
}

/** The trailing window ending at `asOf`, in UTC days: decisions judge the tier over it and record its first day. */
export interface TierWindow {
  readonly firstDay: string;
  readonly lastDay: string;
}

export function tierWindow(asOf: Instant, config: LoyaltyConfig): TierWindow {
  return { firstDay: windowStartDay(asOf, config), lastDay: utcDayOf(asOf) };
}

/** Points earned in the window (see windowStartDay for its boundary). */
export function pointsInWindow(recentEarnings: readonly DailyPoints[], { firstDay, lastDay }: TierWindow): number {
  let sum = 0;
  for (const { day, points } of recentEarnings) if (day >= firstDay && day <= lastDay) sum += points;
  return sum;
}

/**
 * Adds points earned at `occurredAt` to its UTC day, keeping days in order, after dropping the
 * days before `firstDay`: no window ending then or later includes them, so the list stays
 * bounded (about one entry per day of the window). Days after `occurredAt` are kept.
 * Events mostly arrive in time order, so the usual case appends to or merges into the last day.
 */
export function addEarning(
  recentEarnings: readonly DailyPoints[],
  occurredAt: Instant,
  points: number,
  firstDay: string,
): readonly DailyPoints[] {
  const pruned = earningsFrom(recentEarnings, firstDay);
  if (points === 0) return pruned;
  const day = utcDayOf(occurredAt);
  const lastIndex = pruned.length - 1;
  const last = pruned.at(-1);
  if (last === undefined || last.day < day) return [...pruned, { day, points }];
  if (last.day === day) {
    const merged = pruned.slice();
    merged[lastIndex] = { day, points: last.points + points };
    return merged;
  }
  const existing = pruned.find((entry) => entry.day === day);
  const others = pruned.filter((entry) => entry.day !== day);
  const entry = { day, points: (existing?.points ?? 0) + points };
  const insertAt = others.findIndex((other) => other.day > day);
  return [...others.slice(0, insertAt), entry, ...others.slice(insertAt)];
}

/** `recentEarnings` (in day order, as addEarning keeps it) without the days before `firstDay`. */
function earningsFrom(recentEarnings: readonly DailyPoints[], firstDay: string): readonly DailyPoints[] {
  let dropped = 0;
  while (dropped < recentEarnings.length && recentEarnings[dropped].day < firstDay) dropped++;
  return dropped === 0 ? recentEarnings : recentEarnings.slice(dropped);
}

/**
 * The first UTC day on which the earnings in `recentEarnings` (day order, as addEarning keeps it) no longer
 * reach `tier`'s threshold if nothing more is earned: the day the tier sweep re-judges it. Null for Bronze.
 * An already-short window gives its first day (or the epoch when empty), a day already past.
 */
export function tierLapseDay(recentEarnings: readonly DailyPoints[], tier: LoyaltyTier, config: LoyaltyConfig): string | null {
  if (tier === 'Bronze') return null;
  const threshold = config.tierThresholds[tier];
  let remaining = recentEarnings.reduce((sum, { points }) => sum + points, 0);
  if (remaining < threshold) return recentEarnings[0]?.day ?? '1970-01-01';
  for (const { day, points } of recentEarnings) {
    remaining -= points;
    if (remaining < threshold) return firstDayWithout(day, config);
  }
  return null;
}

/** The first day whose trailing window starts after `day`; months of unequal length need the step loop. */
function firstDayWithout(day: string, config: LoyaltyConfig): string {
  let candidate = addMonths(new Date(`${day}T00:00:00.000Z`), config.tierWindowMonths);
  while (windowStartDay(candidate.toISOString(), config) <= day) candidate = addDays(candidate, 1);
  return periodLabel(candidate, 'day');
}
