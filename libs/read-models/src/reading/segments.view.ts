import { rfmScores, segmentKey, valueContribution, type ContributionBand, type SegmentDimensions } from '@rapport/customer-domain';
import { DAY_MS, type Instant } from '@rapport/kernel';
import { activityInTrailingMonths } from '../projections/activity';
import type { ReadModelConfig } from '../projections/read-model.config';
import { segmentAt } from '../projections/segment-facts';
import type { SegmentMember } from '../projections/segments.projection';

export interface MemberView {
  readonly customerId: string;
  readonly segment: string;
  readonly dimensions: SegmentDimensions;
  readonly valueContribution: {
    readonly band: ContributionBand;
    readonly recency: number;
    readonly frequency: number;
    readonly monetary: number;
  };
}

/** The segment and value-contribution band a member is counted under. */
export interface CountedView {
  readonly segment: string;
  readonly dimensions: SegmentDimensions;
  readonly band: ContributionBand;
}

export interface SegmentCount {
  readonly segment: string;
  readonly dimensions: SegmentDimensions;
  readonly count: number;
  /** The fifth dimension, value contribution (RFM), reported beside the segment key. */
  readonly valueContribution: Readonly<Record<ContributionBand, number>>;
}

/** RFM covers the 12 calendar months up to now (month resolution: the documents keep monthly sums). */
const RFM_MONTHS = 12;

/** The segment a member is counted under as of `at`, and its value-contribution band (by value to date). */
export function countedView(member: SegmentMember, at: Instant, config: ReadModelConfig): CountedView {
  const dimensions = segmentAt(member.facts, at, config.segmentation);
  return {
    segment: segmentKey(dimensions),
    dimensions,
    band: valueContribution(BigInt(member.valueToDateMinor), config.segmentation),
  };
}

/** A member's segment, value-contribution band and RFM scores as of `now`. */
export function memberView(member: SegmentMember, now: Instant, config: ReadModelConfig): MemberView {
  const { segment, dimensions, band } = countedView(member, now, config);
  const { count, revenueMinor } = activityInTrailingMonths(member.recentMonths, now.slice(0, 7), RFM_MONTHS);
  const lastAt = member.facts.lastTransactionAt;
  const last = lastAt === null ? null : Math.max(0, Math.floor((Date.parse(now) - Date.parse(lastAt)) / DAY_MS));
  const scores = rfmScores(
    { daysSinceLastTransaction: last, transactionsIn12Months: count, revenueIn12MonthsMinor: revenueMinor },
    config.segmentation,
  );
  return { customerId: member.customerId, segment, dimensions, valueContribution: { band, ...scores } };
}

/** Adds one member to running segment counts. */
export function countMember(counts: Map<string, SegmentCount>, view: MemberView): void {
  const current = counts.get(view.segment) ?? {
    segment: view.segment,
    dimensions: view.dimensions,
    count: 0,
    valueContribution: { high: 0, medium: 0, low: 0 },
  };
  const bands = { ...current.valueContribution, [view.valueContribution.band]: current.valueContribution[view.valueContribution.band] + 1 };
  counts.set(view.segment, { ...current, count: current.count + 1, valueContribution: bands });
}

/** The dimensions a key stands for, or undefined for a malformed key. */
export function parseSegmentKey(key: string): Readonly<Record<keyof SegmentDimensions, string>> | undefined {
  const parts = key.split('.');
  if (parts.length !== 5 || parts.some((part) => part === '')) return undefined;
  const [customerType = '', valueTier = '', riskProfile = '', behaviour = '', lifecycleStage = ''] = parts;
  return { customerType, valueTier, riskProfile, behaviour, lifecycleStage };
}
