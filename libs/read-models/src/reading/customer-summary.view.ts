import { csatPercent, segmentKey, type LifecycleStage, type SegmentDimensions } from '@rapport/customer-domain';
import { instantOf } from '@rapport/kernel';
import type { CustomerSummary } from '../projections/customer-summary.projection';
import type { ReadModelConfig } from '../projections/read-model.config';
import { segmentAt } from '../projections/segment-facts';

/** api.md GET /v1/customers/{id}: the customer 360 as of `now`. */
export interface CustomerSummaryView {
  readonly customerId: string;
  readonly status: CustomerSummary['facts']['status'];
  readonly lifecycleStage: LifecycleStage;
  readonly segment: { readonly key: string; readonly dimensions: SegmentDimensions };
  readonly loyalty: CustomerSummary['loyalty'];
  readonly satisfaction: { readonly last: number | null; readonly responses: number; readonly csat: number | null };
  readonly openComplaints: number;
  readonly retentionAlerts: number;
  readonly acquiredAt: string;
  readonly activatedAt: string | null;
  readonly lastTransactionAt: string | null;
  readonly revision: number;
}

export function customerSummaryView(summary: CustomerSummary, now: Date, config: ReadModelConfig): CustomerSummaryView {
  const { facts } = summary;
  const dimensions = segmentAt(facts, instantOf(now), config.segmentation);
  const { last, responses, satisfied } = summary.satisfaction;
  return {
    customerId: summary.customerId,
    status: facts.status,
    lifecycleStage: dimensions.lifecycleStage,
    segment: { key: segmentKey(dimensions), dimensions },
    loyalty: summary.loyalty,
    satisfaction: { last, responses, csat: csatPercent(satisfied, responses) },
    openComplaints: summary.openComplaints,
    retentionAlerts: summary.retentionAlerts,
    acquiredAt: summary.acquiredAt,
    activatedAt: facts.activatedAt,
    lastTransactionAt: facts.lastTransactionAt,
    revision: summary.revision,
  };
}
