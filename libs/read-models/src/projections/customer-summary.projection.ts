import { CUSTOMER_EVENT_TYPES, isSatisfied, type LoyaltyTier } from '@rapport/customer-domain';
import type { ProjectedEvent } from './projected-event';
import type { DocumentRule, Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { evolveSegmentFacts, type SegmentFacts } from './segment-facts';

export const CUSTOMER_SUMMARY = 'customer_summary_v1';

/**
 * The customer 360 (api.md GET /v1/customers/{id}). Lifecycle stage and segment depend on "now",
 * so the document keeps the facts they come from and the query works them out.
 */
export interface CustomerSummary {
  readonly customerId: string;
  readonly facts: SegmentFacts;
  readonly acquiredAt: string;
  readonly loyalty: { readonly balance: number; readonly tier: LoyaltyTier };
  readonly satisfaction: { readonly last: number | null; readonly responses: number; readonly satisfied: number };
  readonly openComplaints: number;
  readonly retentionAlerts: number;
  /** Stream revision of the last event applied. */
  readonly revision: number;
}

/** Every field, in one order: summaries then share one shape. */
function summary(s: CustomerSummary): CustomerSummary {
  return {
    customerId: s.customerId,
    facts: s.facts,
    acquiredAt: s.acquiredAt,
    loyalty: s.loyalty,
    satisfaction: s.satisfaction,
    openComplaints: s.openComplaints,
    retentionAlerts: s.retentionAlerts,
    revision: s.revision,
  };
}

/** Every event type: each one moves the revision the summary reflects. */
export function customerSummaryRule(config: ReadModelConfig): DocumentRule<CustomerSummary, null> {
  return {
    collection: CUSTOMER_SUMMARY,
    handles: new Set(CUSTOMER_EVENT_TYPES),
    idsOf: (event) => [event.customerId],
    apply: (current, event) => applyToSummary(current, event, config),
  };
}

export function applyToSummary(current: CustomerSummary | null, event: ProjectedEvent, config: ReadModelConfig): CustomerSummary | null {
  const facts = evolveSegmentFacts(current?.facts ?? null, event, config.segmentation);
  if (facts === null) return null;
  const base = current ?? created(facts, event);
  const changed = changes(base, event, config);
  // Built field by field, not spread: a rebuild makes one for every event.
  return {
    customerId: base.customerId,
    facts,
    acquiredAt: base.acquiredAt,
    loyalty: changed.loyalty ?? base.loyalty,
    satisfaction: changed.satisfaction ?? base.satisfaction,
    openComplaints: changed.openComplaints ?? base.openComplaints,
    retentionAlerts: changed.retentionAlerts ?? base.retentionAlerts,
    revision: event.revision,
  };
}

function created(facts: SegmentFacts, event: ProjectedEvent): CustomerSummary {
  return summary({
    customerId: event.customerId,
    facts,
    acquiredAt: event.at ?? event.data.occurredAt,
    loyalty: { balance: 0, tier: 'Bronze' },
    satisfaction: { last: null, responses: 0, satisfied: 0 },
    openComplaints: 0,
    retentionAlerts: 0,
    revision: event.revision,
  });
}

/** What an event changes beyond the segment facts. */
function changes(s: CustomerSummary, event: ProjectedEvent, config: ReadModelConfig): Partial<CustomerSummary> {
  switch (event.type) {
    case 'CustomerActivated':
    case 'TransactionRecorded':
      return { loyalty: { balance: s.loyalty.balance + event.data.pointsEarned, tier: event.data.tierAfter } };
    case 'PointsRedeemed':
      return { loyalty: { balance: event.data.balanceAfter, tier: s.loyalty.tier } };
    case 'LoyaltyTierChanged':
      return { loyalty: { balance: s.loyalty.balance, tier: event.data.to } };
    case 'SatisfactionRecorded': {
      const { responses, satisfied } = s.satisfaction;
      const answer = event.data.csat;
      return {
        satisfaction: { last: answer, responses: responses + 1, satisfied: satisfied + (isSatisfied(answer, config.satisfaction) ? 1 : 0) },
      };
    }
    case 'ComplaintFiled':
      return { openComplaints: s.openComplaints + 1 };
    case 'ComplaintResolved':
      return { openComplaints: Math.max(0, s.openComplaints - 1) };
    case 'RetentionAlertRaised':
      return { retentionAlerts: s.retentionAlerts + 1 };
    default:
      return {};
  }
}

export function customerSummaryProjection(config: ReadModelConfig): Projection {
  return {
    name: 'customer-summary',
    shapeVersion: 1,
    collections: [{ name: CUSTOMER_SUMMARY, indexes: [] }],
    documents: [customerSummaryRule(config)],
  };
}
