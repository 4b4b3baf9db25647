import { csatPercent, netPromoterScore } from '@rapport/customer-domain';
import type { SatisfactionBucket } from '../projections/satisfaction.projection';
import { ratioToHundredths } from './ratios';

/** A trend row of api.md: csat and nps as percentages, averageScore out of 5, all to 2 decimals; null with no answers. */
export interface TrendRow {
  readonly period: string;
  readonly key: string;
  readonly responses: number;
  readonly satisfied: number;
  readonly csat: number | null;
  readonly averageScore: number | null;
  readonly nps: number | null;
  readonly npsResponses: number;
}

export function trendRow(bucket: SatisfactionBucket): TrendRow {
  return {
    period: bucket.period,
    key: bucket.key,
    responses: bucket.responses,
    satisfied: bucket.satisfied,
    csat: csatPercent(bucket.satisfied, bucket.responses),
    averageScore: ratioToHundredths(bucket.scoreSum, bucket.responses),
    nps: netPromoterScore(bucket.promoters, bucket.detractors, bucket.npsResponses),
    npsResponses: bucket.npsResponses,
  };
}
