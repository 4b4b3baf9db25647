import type { CustomerType } from '@rapport/customer-domain';
import type { Money } from '@rapport/kernel';
import { applyToKpiDay, evolveKpiCustomer, type KpiCustomer, type KpiDay } from './kpis.projection';
import { addMoney, type MinorSums } from './money-sums';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { evolveSegmentFacts, type SegmentFacts } from './segment-facts';

export const CUSTOMER_ANALYTICS = 'customer_analytics_v1';

export interface StatusChange {
  readonly at: string;
  readonly status: 'active' | 'churned';
}

/** Transactions and revenue of one product category on one UTC day. */
export interface ProductDay {
  readonly day: string;
  readonly category: string;
  readonly transactions: number;
  readonly revenueMinor: MinorSums;
}

/**
 * One customer's own analytics inputs (issue #13): its KPI counters per UTC day (the kpis
 * projection's day rule applied to this customer alone), its status changes in business-time
 * order, its product use per day, and what breakdowns key on. Breakdowns, cohorts, per-customer
 * value and behaviour features are all worked out from these documents at query time, because
 * segments, ages and trailing windows move with "now".
 */
export interface CustomerAnalytics {
  readonly customerId: string;
  readonly acquiredAt: string;
  readonly channel: string;
  readonly customerType: CustomerType;
  readonly facts: SegmentFacts;
  readonly kpi: KpiCustomer;
  /** As acquired; null when no cost was recorded (then no value is claimed for the customer). */
  readonly acquisitionCost: Money | null;
  readonly statusChanges: readonly StatusChange[];
  readonly days: readonly KpiDay[];
  readonly products: readonly ProductDay[];
  readonly csat: { readonly responses: number; readonly sum: number };
  readonly lastTransactionAt: string | null;
}

const HANDLED = eventTypes(
  'CustomerAcquired',
  'CustomerActivated',
  'CustomerProfileUpdated',
  'CustomerChurned',
  'CustomerReactivated',
  'TransactionRecorded',
  'ComplaintFiled',
  'ComplaintResolved',
  'SatisfactionRecorded',
);

export function applyToCustomerAnalytics(
  current: CustomerAnalytics | null,
  event: ProjectedEvent,
  config: ReadModelConfig,
): CustomerAnalytics | null {
  const facts = evolveSegmentFacts(current?.facts ?? null, event, config.segmentation);
  const kpi = evolveKpiCustomer(current?.kpi ?? null, event);
  if (facts === null || kpi === null) return null;
  const base = current ?? created(facts, kpi, event);
  const at = event.at;
  const day = at?.slice(0, 10);
  return {
    ...base,
    facts,
    kpi,
    statusChanges: at === null ? base.statusChanges : withStatusChange(base.statusChanges, current?.kpi ?? null, kpi, at),
    days: day === undefined ? base.days : withDay(base.days, (d) => applyToKpiDay(d, event, current?.kpi ?? null, day, config), day),
    products: event.type === 'TransactionRecorded' && day !== undefined ? withProductDay(base.products, event, day) : base.products,
    csat: event.type === 'SatisfactionRecorded' ? { responses: base.csat.responses + 1, sum: base.csat.sum + event.data.csat } : base.csat,
    lastTransactionAt:
      event.type === 'TransactionRecorded' && at !== null && (base.lastTransactionAt === null || at > base.lastTransactionAt)
        ? at
        : base.lastTransactionAt,
  };
}

function created(facts: SegmentFacts, kpi: KpiCustomer, event: ProjectedEvent): CustomerAnalytics {
  const acquired = event.type === 'CustomerAcquired' ? event.data : undefined;
  return {
    customerId: event.customerId,
    acquiredAt: event.at ?? event.data.occurredAt,
    channel: acquired?.channel ?? 'unknown',
    customerType: facts.customerType,
    facts,
    kpi,
    acquisitionCost: acquired?.acquisitionCost ?? null,
    statusChanges: [],
    days: [],
    products: [],
    csat: { responses: 0, sum: 0 },
    lastTransactionAt: null,
  };
}

/** Activation, churn of an active customer and return to active, kept in business-time order (late events slot in). */
function withStatusChange(
  changes: readonly StatusChange[],
  before: KpiCustomer | null,
  after: KpiCustomer,
  at: string,
): readonly StatusChange[] {
  if (before === null || before.status === after.status) return changes;
  const status: StatusChange['status'] | null = after.status === 'active' ? 'active' : before.status === 'active' ? 'churned' : null;
  if (status === null) return changes;
  return [...changes, { at, status }].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function withDay(days: readonly KpiDay[], apply: (current: KpiDay | null) => KpiDay, day: string): readonly KpiDay[] {
  const index = days.findIndex((d) => d.day >= day);
  const existing = index >= 0 && days[index]?.day === day ? days[index] : null;
  const updated = apply(existing ?? null);
  if (existing !== null && existing !== undefined) return days.map((d, i) => (i === index ? updated : d));
  const at = index < 0 ? days.length : index;
  return [...days.slice(0, at), updated, ...days.slice(at)];
}

function withProductDay(products: readonly ProductDay[], event: ProjectedEvent & { type: 'TransactionRecorded' }, day: string) {
  const category = event.data.productCategory;
  const index = products.findIndex((p) => p.day === day && p.category === category);
  const existing = index >= 0 ? products[index] : undefined;
  const updated: ProductDay = {
    day,
    category,
    transactions: (existing?.transactions ?? 0) + 1,
    revenueMinor: addMoney(existing?.revenueMinor ?? {}, event.data.revenue),
  };
  if (existing !== undefined) return products.map((p, i) => (i === index ? updated : p));
  return [...products, updated].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.category < b.category ? -1 : 1));
}

export function customerAnalyticsProjection(config: ReadModelConfig): Projection {
  const rule: DocumentRule<CustomerAnalytics, null> = {
    collection: CUSTOMER_ANALYTICS,
    handles: HANDLED,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => applyToCustomerAnalytics(current, event, config),
  };
  return {
    name: 'analytics',
    shapeVersion: 1,
    collections: [{ name: CUSTOMER_ANALYTICS, indexes: [{ name: 'by_position', fields: [{ field: 'position', direction: 'asc' }] }] }],
    documents: [rule as DocumentRule<object, null>],
  };
}
