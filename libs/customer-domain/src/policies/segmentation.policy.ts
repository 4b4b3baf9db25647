import { addMonths, DAY_MS, toMinorUnits, type Instant, type Money } from '@rapport/kernel';
import type { CustomerType, RiskProfile } from '../customer.values';
import { defaultRfmConfig, type RfmConfig } from './rfm.policy';

export type ValueTier = 'mass' | 'affluent' | 'wealth' | 'private' | 'unclassified';
export type Behaviour = 'high' | 'medium' | 'low' | 'none';
export type LifecycleStage = 'prospect' | 'new' | 'active' | 'mature' | 'dormant' | 'churned';
export type ContributionBand = 'high' | 'medium' | 'low';

/** Lowest assets (decimal strings in that currency) for each tier above mass. */
export interface ValueTierThresholds {
  readonly affluentFrom: string;
  readonly wealthFrom: string;
  readonly privateFrom: string;
}

export interface SegmentationConfig {
  /** Keyed by ISO currency. The domain does no FX conversion: other currencies are "unclassified". */
  readonly valueTiers: Readonly<Record<string, ValueTierThresholds>>;
  /** Transactions in the trailing `windowDays` needed for each behaviour band. */
  readonly behaviour: {
    readonly windowDays: number;
    readonly highFrom: number;
    readonly mediumFrom: number;
    readonly lowFrom: number;
  };
  readonly rfm: RfmConfig;
  /**
   * Lowest value to date (own revenue to date − own acquisition cost, decimal strings in `currency`)
   * for each value-contribution band above low.
   */
  readonly valueContribution: { readonly currency: string; readonly highFrom: string; readonly mediumFrom: string };
  readonly lifecycle: {
    readonly newForDays: number;
    readonly dormantAfterDays: number;
    readonly matureAfterMonths: number;
  };
}

/** Defaults from design.md §2 (Segmentation); the behaviour bands are ours. */
export const defaultSegmentationConfig: SegmentationConfig = {
  valueTiers: { CNY: { affluentFrom: '50000.00', wealthFrom: '500000.00', privateFrom: '6000000.00' } },
  behaviour: { windowDays: 90, highFrom: 10, mediumFrom: 3, lowFrom: 1 },
  rfm: defaultRfmConfig,
  // Medium once the customer has paid back what it cost to acquire; high beyond 5,000 CNY of value.
  valueContribution: { currency: 'CNY', highFrom: '5000.00', mediumFrom: '0.00' },
  lifecycle: { newForDays: 90, dormantAfterDays: 90, matureAfterMonths: 12 },
};

/** Value tier by assets under management; thresholds are inclusive lower bounds, compared in minor units. */
export function valueTier(assets: Money, config: SegmentationConfig): ValueTier {
  const thresholds = config.valueTiers[assets.currency];
  if (thresholds === undefined) return 'unclassified';
  const minor = toMinorUnits(assets);
  const atLeast = (threshold: string): boolean => minor >= toMinorUnits({ amount: threshold, currency: assets.currency });
  if (atLeast(thresholds.privateFrom)) return 'private';
  if (atLeast(thresholds.wealthFrom)) return 'wealth';
  if (atLeast(thresholds.affluentFrom)) return 'affluent';
  return 'mass';
}

/**
 * Value-contribution band (design.md §2, issue #13) by the customer's value to date in minor units of
 * `valueContribution.currency`; thresholds are inclusive lower bounds.
 */
export function valueContribution(valueToDateMinor: bigint, config: SegmentationConfig): ContributionBand {
  const bands = config.valueContribution;
  const toMinor = (amount: string): bigint => toMinorUnits({ amount, currency: bands.currency });
  if (valueToDateMinor >= toMinor(bands.highFrom)) return 'high';
  if (valueToDateMinor >= toMinor(bands.mediumFrom)) return 'medium';
  return 'low';
}

/** Behaviour band by the number of transactions in the trailing `behaviour.windowDays`. */
export function behaviour(transactionsInTrailingWindow: number, config: SegmentationConfig): Behaviour {
  const bands = config.behaviour;
  if (transactionsInTrailingWindow >= bands.highFrom) return 'high';
  if (transactionsInTrailingWindow >= bands.mediumFrom) return 'medium';
  if (transactionsInTrailingWindow >= bands.lowFrom) return 'low';
  return 'none';
}

/** What lifecycleStage needs; a KnownCustomer state fits it as it is. Times are ISO 8601 UTC. */
export type LifecycleFacts =
  | { readonly status: 'acquired' | 'churned' }
  | { readonly status: 'active'; readonly activatedAt: string; readonly lastTransactionAt?: string };

/**
 * Lifecycle stage at `asOf` (design.md §2). For an active customer the first match wins:
 * 1. new: activated less than `newForDays` ago, with or without transactions;
 * 2. dormant: no transaction in the last `dormantAfterDays` (one exactly that long ago is outside);
 * 3. mature: activated at least `matureAfterMonths` calendar months ago;
 * 4. active otherwise.
 * A reactivated customer keeps the first activation date, so it is judged from that.
 */
export function lifecycleStage(facts: LifecycleFacts, asOf: Instant, config: SegmentationConfig): LifecycleStage {
  switch (facts.status) {
    case 'acquired':
      return 'prospect';
    case 'churned':
      return 'churned';
    case 'active':
      return activeStage(facts.activatedAt, facts.lastTransactionAt, asOf, config);
  }
}

/** On epoch milliseconds: segments are judged for every event of a rebuild, and Date objects were most of that. */
function activeStage(
  activatedAt: Instant,
  lastTransactionAt: Instant | undefined,
  asOf: Instant,
  config: SegmentationConfig,
): LifecycleStage {
  const rules = config.lifecycle;
  const now = Date.parse(asOf);
  const activated = Date.parse(activatedAt);
  if (now - activated < rules.newForDays * DAY_MS) return 'new';
  const isDormant = lastTransactionAt === undefined || now - Date.parse(lastTransactionAt) >= rules.dormantAfterDays * DAY_MS;
  if (isDormant) return 'dormant';
  if (now >= addMonths(new Date(activated), rules.matureAfterMonths).getTime()) return 'mature';
  return 'active';
}

/** The dimensions a segment is keyed by (api.md GET /v1/segments); value contribution is reported beside them. */
export interface SegmentDimensions {
  readonly customerType: CustomerType;
  readonly valueTier: ValueTier;
  readonly riskProfile: RiskProfile;
  readonly behaviour: Behaviour;
  readonly lifecycleStage: LifecycleStage;
}

/** Stable key such as `individual.affluent.C3.medium.active`; stored in read models, so never reorder. */
export function segmentKey(dimensions: SegmentDimensions): string {
  return [dimensions.customerType, dimensions.valueTier, dimensions.riskProfile, dimensions.behaviour, dimensions.lifecycleStage].join('.');
}
