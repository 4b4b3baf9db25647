import { complaintKpisProjection } from './complaint-kpis.projection';
import { churnRiskProjection } from './churn-risk.projection';
import { complaintsProjection } from './complaints.projection';
import { customerAnalyticsProjection } from './customer-analytics.projection';
import { customerSummaryProjection } from './customer-summary.projection';
import { kpisProjection } from './kpis.projection';
import { loyaltyProjection } from './loyalty.projection';
import type { Projection } from './projection';
import { defaultReadModelConfig, type ReadModelConfig } from './read-model.config';
import { satisfactionProjection } from './satisfaction.projection';
import { segmentCountsProjection } from './segment-counts.projection';
import { segmentHistoryProjection } from './segment-history.projection';
import { segmentsProjection } from './segments.projection';

/** Every projection the service runs, in a stable order. */
export function allProjections(config: ReadModelConfig = defaultReadModelConfig): readonly Projection[] {
  return [
    customerSummaryProjection(config),
    segmentsProjection(config),
    loyaltyProjection(config.loyalty),
    satisfactionProjection(config) as Projection,
    complaintsProjection,
    kpisProjection(config) as Projection,
    segmentCountsProjection(config) as Projection,
    segmentHistoryProjection(config) as Projection,
    complaintKpisProjection as Projection,
    customerAnalyticsProjection(config) as Projection,
    churnRiskProjection(config) as Projection,
  ];
}

export const PROJECTION_NAMES = [
  'customer-summary',
  'segments',
  'loyalty',
  'satisfaction',
  'complaints',
  'kpis',
  'segment-counts',
  'segment-history',
  'complaint-kpis',
  'analytics',
  'churn-risk',
] as const;
export type ProjectionName = (typeof PROJECTION_NAMES)[number];

export function isProjectionName(name: string): name is ProjectionName {
  return (PROJECTION_NAMES as readonly string[]).includes(name);
}
