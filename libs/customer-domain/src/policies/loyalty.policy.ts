import { dayPlusDays, dayPlusMonths, utcDayOf, wholeMajorUnits, type Instant, type Money } from '@rapport/kernel';
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
  return firstDayOfWindowEndingOn(utcDayOf(asOf), config);
}

function firstDayOfWindowEndingOn(lastDay: string, config: LoyaltyConfig): string {
  return dayPlusDays(dayPlusMonths(lastDay, -config.tierWindowMonths), 1);
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
export function pointsInWindow({ days, points }: DailyPoints, { firstDay, lastDay }: TierWindow): number {
  let sum = 0;
  days.forEach((day, index) => {
    if (day >= firstDay && day <= lastDay) sum += points[index] ?? 0;
  });
  return sum;
}

/**
 * Adds points earned at `occurredAt` to its UTC day, keeping days in order, after dropping the days
 * before `firstDay`: no window ending then or later includes them, so the lists stay bounded (about
 * one entry per day of the window). Days after `occurredAt` are kept. Events mostly arrive in time
 * order, so the usual case appends to or adds to the last day.
 */
export function addEarning(earnings: DailyPoints, occurredAt: Instant, points: number, firstDay: string): DailyPoints {
  const kept = earningsFrom(earnings, firstDay);
  if (points === 0) return kept;
  const day = utcDayOf(occurredAt);
  const { days } = kept;
  let at = days.length;
  while (at > 0 && (days[at - 1] as string) >= day) at -= 1;
  if (days[at] === day) return { days, points: kept.points.map((earlier, index) => (index === at ? earlier + points : earlier)) };
  return { days: inserted(days, at, day), points: inserted(kept.points, at, points) };
}

function inserted<T>(list: readonly T[], at: number, item: T): T[] {
  return at === list.length ? [...list, item] : [...list.slice(0, at), item, ...list.slice(at)];
}

/** The earnings without the days before `firstDay`. */
function earningsFrom(earnings: DailyPoints, firstDay: string): DailyPoints {
  const { days, points } = earnings;
  let dropped = 0;
  while (dropped < days.length && (days[dropped] as string) < firstDay) dropped += 1;
  return dropped === 0 ? earnings : { days: days.slice(dropped), points: points.slice(dropped) };
}

/**
 * The first UTC day on which `earnings` no longer reach `tier`'s threshold if nothing more is earned:
 * the day the tier sweep re-judges it. Null for Bronze. An already-short window gives its first day
 * (or the epoch when empty), a day already past.
 */
export function tierLapseDay({ days, points }: DailyPoints, tier: LoyaltyTier, config: LoyaltyConfig): string | null {
  if (tier === 'Bronze') return null;
  const threshold = config.tierThresholds[tier];
  let remaining = 0;
  for (const earned of points) remaining += earned;
  if (remaining < threshold) return days[0] ?? '1970-01-01';
  for (let index = 0; index < points.length; index++) {
    remaining -= points[index] as number;
    if (remaining < threshold) return firstDayWithout(days[index] as string, config);
  }
  return null;
}

/** The first day whose trailing window starts after `day`; months of unequal length need the step loop. */
function firstDayWithout(day: string, config: LoyaltyConfig): string {
  let candidate = dayPlusMonths(day, config.tierWindowMonths);
  while (dayPlusMonths(candidate, -config.tierWindowMonths) < day) candidate = dayPlusDays(candidate, 1);
  return candidate;
}
