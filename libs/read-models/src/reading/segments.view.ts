import { rfmScores, segmentKey, valueContribution, type ContributionBand, type SegmentDimensions } from '@rapport/customer-domain';
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

export interface SegmentCount {
  readonly segment: string;
  readonly dimensions: SegmentDimensions;
  readonly count: number;
  /** The fifth dimension, value contribution (RFM), reported beside the segment key. */
  readonly valueContribution: Readonly<Record<ContributionBand, number>>;
}

/** RFM covers the 12 calendar months up to now (month resolution: the documents keep monthly sums). */
const RFM_MONTHS = 12;

/** A member's segment, value-contribution band (by value to date) and RFM scores as of `now`. */
export function memberView(member: SegmentMember, now: Date, config: ReadModelConfig): MemberView {
  const dimensions = segmentAt(member.facts, now, config.segmentation);
  const { count, revenueMinor } = activityInTrailingMonths(member.recentMonths, now, RFM_MONTHS);
  const lastAt = member.facts.lastTransactionAt;
  const last = lastAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(lastAt)) / 86_400_000));
  const scores = rfmScores(
    { daysSinceLastTransaction: last, transactionsIn12Months: count, revenueIn12MonthsMinor: revenueMinor },
    config.segmentation,
  );
  const band = valueContribution(BigInt(member.valueToDateMinor), config.segmentation);
  return {
    customerId: member.customerId,
    segment: segmentKey(dimensions),
    dimensions,
    valueContribution: { band, ...scores },
  };
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
