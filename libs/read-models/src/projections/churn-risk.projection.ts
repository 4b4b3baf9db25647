import {
  valueTier,
  type ChurnRiskReason,
  type CustomerType,
  type RetentionActionKind,
  type RetentionOutcome,
  type RiskProfile,
} from '@rapport/customer-domain';
import type { Money } from '@rapport/kernel';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';

export const CHURN_RISK = 'churn_risk_v1';
export const RETENTION_TOTALS = 'retention_totals_v1';
export const RETENTION_TOTALS_ID = 'all';

export interface LastRetentionAction {
  readonly actionId: string;
  readonly kind: RetentionActionKind;
  readonly recordedAt: string;
  readonly outcome: RetentionOutcome | null;
  readonly outcomeAt: string | null;
}

/**
 * One customer's churn risk as last assessed (the worklist, GET /v1/retention/worklist). The score
 * and reasons are copied from ChurnRiskAssessed: the domain judged them, with the threshold then in
 * force, so no policy setting is applied here except the value tier of the segment. `atRiskSince`
 * is the instant of the crossing that began the current stretch at risk. The note of an action is
 * left out: it may name people.
 */
export interface ChurnRiskDocument {
  readonly customerId: string;
  readonly status: 'acquired' | 'active' | 'churned';
  readonly hasBeenActivated: boolean;
  /** The segment's time-independent part: `customerType.valueTier.riskProfile`. */
  readonly segment: string;
  readonly customerType: CustomerType;
  readonly assets: Money;
  readonly riskProfile: RiskProfile;
  readonly lastTransactionAt: string | null;
  readonly score: number;
  readonly reasons: readonly ChurnRiskReason[];
  readonly threshold: number | null;
  readonly assessedAt: string | null;
  readonly isAtRisk: boolean;
  /** At risk and not churned: on the worklist. One indexed field, so the worklist query walks its index in order. */
  readonly isListed: boolean;
  readonly atRiskSince: string | null;
  readonly hasBeenAtRisk: boolean;
  readonly lastAction: LastRetentionAction | null;
  /** Some action of this customer ended `retained`. */
  readonly hasRetainedAction: boolean;
}

/** The counts behind the "retained after action" KPI, kept as the customers change. */
export interface RetentionTotals {
  /** Customers who have been at risk at least once. */
  readonly everAtRisk: number;
  /** Of those, the customers with at least one action whose outcome is `retained`. */
  readonly retainedAfterAction: number;
}

const HANDLED = eventTypes(
  'CustomerAcquired',
  'CustomerActivated',
  'CustomerProfileUpdated',
  'TransactionRecorded',
  'ChurnRiskAssessed',
  'RetentionActionRecorded',
  'RetentionActionOutcomeRecorded',
  'CustomerChurned',
  'CustomerReactivated',
);

export function applyToChurnRisk(
  current: ChurnRiskDocument | null,
  event: ProjectedEvent,
  config: ReadModelConfig,
): ChurnRiskDocument | null {
  const next = evolveChurnRisk(current, event, config);
  return next === null || next === current ? next : listed(next);
}

/**
 * The document with `isListed` worked out, built field by field so that every document the rule
 * returns has one shape however it was made (documents read back, made at acquisition and changed by
 * spreads differ): the next event's spread then copies a known shape.
 */
function listed(d: ChurnRiskDocument): ChurnRiskDocument {
  return {
    customerId: d.customerId,
    status: d.status,
    hasBeenActivated: d.hasBeenActivated,
    segment: d.segment,
    customerType: d.customerType,
    assets: d.assets,
    riskProfile: d.riskProfile,
    lastTransactionAt: d.lastTransactionAt,
    score: d.score,
    reasons: d.reasons,
    threshold: d.threshold,
    assessedAt: d.assessedAt,
    isAtRisk: d.isAtRisk,
    isListed: d.isAtRisk && d.status !== 'churned',
    atRiskSince: d.atRiskSince,
    hasBeenAtRisk: d.hasBeenAtRisk,
    lastAction: d.lastAction,
    hasRetainedAction: d.hasRetainedAction,
  };
}

function evolveChurnRisk(current: ChurnRiskDocument | null, event: ProjectedEvent, config: ReadModelConfig): ChurnRiskDocument | null {
  if (event.type === 'CustomerAcquired') return current ?? acquired(event, config);
  if (current === null) return null;
  switch (event.type) {
    case 'CustomerActivated':
      return current.status === 'acquired' ? { ...current, status: 'active', hasBeenActivated: true } : current;
    case 'CustomerProfileUpdated': {
      const assets = event.data.assets ?? current.assets;
      const riskProfile = event.data.riskProfile ?? current.riskProfile;
      return { ...current, assets, riskProfile, segment: segmentOf(current.customerType, assets, riskProfile, config) };
    }
    case 'TransactionRecorded':
      return { ...current, lastTransactionAt: later(current.lastTransactionAt, event.at) };
    case 'ChurnRiskAssessed':
      return assessed(current, event);
    case 'RetentionActionRecorded': {
      const { actionId, kind } = event.data;
      return { ...current, lastAction: { actionId, kind, recordedAt: event.at ?? event.data.occurredAt, outcome: null, outcomeAt: null } };
    }
    case 'RetentionActionOutcomeRecorded':
      return outcomeRecorded(current, event);
    case 'CustomerChurned':
      return { ...current, status: 'churned' };
    case 'CustomerReactivated':
      return current.status === 'churned' ? { ...current, status: current.hasBeenActivated ? 'active' : 'acquired' } : current;
    default:
      return current;
  }
}

function acquired(event: Extract<ProjectedEvent, { type: 'CustomerAcquired' }>, config: ReadModelConfig): ChurnRiskDocument {
  const { customerType, assets, riskProfile } = event.data;
  return {
    customerId: event.customerId,
    status: 'acquired',
    hasBeenActivated: false,
    segment: segmentOf(customerType, assets, riskProfile, config),
    customerType,
    assets,
    riskProfile,
    lastTransactionAt: null,
    score: 0,
    reasons: [],
    threshold: null,
    assessedAt: null,
    isAtRisk: false,
    isListed: false,
    atRiskSince: null,
    hasBeenAtRisk: false,
    lastAction: null,
    hasRetainedAction: false,
  };
}

function assessed(current: ChurnRiskDocument, event: Extract<ProjectedEvent, { type: 'ChurnRiskAssessed' }>): ChurnRiskDocument {
  const { score, reasons, threshold, occurredAt } = event.data;
  const at = event.at ?? occurredAt;
  const isAtRisk = score >= threshold;
  const atRiskSince = !isAtRisk ? null : event.data.crossed === 'above' ? at : (current.atRiskSince ?? at);
  return {
    ...current,
    score,
    reasons,
    threshold,
    assessedAt: at,
    isAtRisk,
    atRiskSince,
    hasBeenAtRisk: current.hasBeenAtRisk || isAtRisk,
  };
}

function outcomeRecorded(
  current: ChurnRiskDocument,
  event: Extract<ProjectedEvent, { type: 'RetentionActionOutcomeRecorded' }>,
): ChurnRiskDocument {
  const { actionId, outcome } = event.data;
  const last = current.lastAction;
  const lastAction =
    last?.actionId === actionId && last.outcome === null ? { ...last, outcome, outcomeAt: event.at ?? event.data.occurredAt } : last;
  return { ...current, lastAction, hasRetainedAction: current.hasRetainedAction || outcome === 'retained' };
}

/** The totals move when a customer first counts as at risk, and when one at risk first has an action retained. */
export function applyToRetentionTotals(
  current: RetentionTotals | null,
  before: ChurnRiskDocument | null,
  after: ChurnRiskDocument | null,
): RetentionTotals {
  const totals = current ?? { everAtRisk: 0, retainedAfterAction: 0 };
  return {
    everAtRisk: totals.everAtRisk + (isCounted(after) && !isCounted(before) ? 1 : 0),
    retainedAfterAction: totals.retainedAfterAction + (isRetained(after) && !isRetained(before) ? 1 : 0),
  };
}

const isCounted = (customer: ChurnRiskDocument | null): boolean => customer?.hasBeenAtRisk === true;
const isRetained = (customer: ChurnRiskDocument | null): boolean => isCounted(customer) && customer?.hasRetainedAction === true;

function segmentOf(customerType: CustomerType, assets: Money, riskProfile: RiskProfile, config: ReadModelConfig): string {
  return `${customerType}.${valueTier(assets, config.segmentation)}.${riskProfile}`;
}

function later(current: string | null, candidate: string | null): string | null {
  if (candidate === null) return current;
  return current === null || Date.parse(candidate) > Date.parse(current) ? candidate : current;
}

export function churnRiskProjection(config: ReadModelConfig): Projection<ChurnRiskDocument> {
  const state: DocumentRule<ChurnRiskDocument, null> = {
    collection: CHURN_RISK,
    handles: HANDLED,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => applyToChurnRisk(current, event, config),
  };
  const totals: DocumentRule<RetentionTotals, ChurnRiskDocument | null> = {
    collection: RETENTION_TOTALS,
    handles: eventTypes('ChurnRiskAssessed', 'RetentionActionOutcomeRecorded'),
    idsOf: () => [RETENTION_TOTALS_ID],
    apply: (current, event, before) => applyToRetentionTotals(current, before, applyToChurnRisk(before, event, config)),
  };
  return {
    name: 'churn-risk',
    shapeVersion: 1,
    collections: [
      {
        name: CHURN_RISK,
        indexes: [
          {
            name: 'by_listed_score',
            fields: [
              { field: 'isListed', direction: 'asc' },
              { field: 'score', direction: 'desc' },
              { field: '_id', direction: 'asc' },
            ],
          },
          {
            name: 'by_segment_listed_score',
            fields: [
              { field: 'segment', direction: 'asc' },
              { field: 'isListed', direction: 'asc' },
              { field: 'score', direction: 'desc' },
              { field: '_id', direction: 'asc' },
            ],
          },
          { name: 'by_last_transaction', fields: [{ field: 'lastTransactionAt', direction: 'asc' }] },
          { name: 'by_score', fields: [{ field: 'score', direction: 'desc' }] },
        ],
      },
      { name: RETENTION_TOTALS, indexes: [] },
    ],
    state,
    documents: [totals],
  };
}
