import type { CustomerType } from '@rapport/customer-domain';
import type { Money } from '@rapport/kernel';
import { applyToKpiDay, evolveKpiCustomer, ZERO_KPI_COUNTS, type KpiCustomer, type KpiDay } from './kpis.projection';
import { addMoney, type MinorSums } from './money-sums';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { evolveSegmentFacts, type SegmentFacts } from './segment-facts';

/** One document per customer: what does not grow with the days the customer is active. */
export const CUSTOMER_ANALYTICS = 'customer_analytics_v1';
/** One document per customer and UTC month: that month's days and product use. */
export const CUSTOMER_ANALYTICS_MONTHS = 'customer_analytics_months_v1';

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

/** A customer's analytics inputs other than its days: the customer's own document, and the state that routes its months. */
export interface CustomerAnalyticsHeader {
  readonly customerId: string;
  readonly acquiredAt: string;
  readonly channel: string;
  readonly customerType: CustomerType;
  readonly facts: SegmentFacts;
  readonly kpi: KpiCustomer;
  /** As acquired; null when no cost was recorded (then no value is claimed for the customer). */
  readonly acquisitionCost: Money | null;
  readonly statusChanges: readonly StatusChange[];
  readonly csat: { readonly responses: number; readonly sum: number };
  readonly lastTransactionAt: string | null;
  /**
   * Revenue of every transaction in the customer's months, by currency (the sum of their days'
   * revenueMinor), kept here so that a customer's value reads no month document.
   */
  readonly revenueMinor: MinorSums;
}

/** A customer's KPI counters and product use on the days of one UTC month (`2026-03`), each in day order. */
export interface CustomerAnalyticsMonth {
  readonly customerId: string;
  readonly month: string;
  readonly days: readonly StoredKpiDay[];
  readonly products: readonly ProductDay[];
}

/**
 * A day's counters as a month document keeps them: only those that are not zero or empty (kpiDayOf
 * gives the whole day back). A customer's day mostly moves one or two of its eighteen fields, and
 * written whole the month documents were a third of the bytes the live projector stringified, had
 * SQLite parse for their index and wrote per event. Days stored whole by earlier releases read the same.
 */
export type StoredKpiDay = Partial<KpiDay> & { readonly day: string };

export function kpiDayOf(stored: StoredKpiDay): KpiDay {
  return { ...ZERO_KPI_COUNTS, ...stored };
}

/** Without Object.entries and Object.keys: their arrays, made for every event, were a tenth of this projection's time. */
function storedKpiDay(day: KpiDay): StoredKpiDay {
  const stored: Record<string, unknown> = {};
  for (const name in day) {
    const value = day[name as keyof KpiDay];
    if (value !== 0 && !(typeof value === 'object' && isEmptyObject(value))) stored[name] = value;
  }
  return stored as StoredKpiDay;
}

function isEmptyObject(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

/**
 * One customer's own analytics inputs (issue #13): its KPI counters per UTC day (the kpis
 * projection's day rule applied to this customer alone), its status changes in business-time
 * order, its product use per day, and what breakdowns key on. Breakdowns, cohorts, per-customer
 * value and behaviour features are all worked out from these at query time, because segments,
 * ages and trailing windows move with "now". Stored as a header and one document per month
 * (customer-analytics.read.ts puts them together), so an event rewrites a bounded document
 * rather than every day the customer was ever active.
 */
export interface CustomerAnalytics extends CustomerAnalyticsHeader {
  readonly days: readonly KpiDay[];
  readonly products: readonly ProductDay[];
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

export function applyToCustomerAnalyticsHeader(
  current: CustomerAnalyticsHeader | null,
  event: ProjectedEvent,
  config: ReadModelConfig,
): CustomerAnalyticsHeader | null {
  const facts = evolveSegmentFacts(current?.facts ?? null, event, config.segmentation);
  const kpi = evolveKpiCustomer(current?.kpi ?? null, event);
  if (facts === null || kpi === null) return null;
  const base = current ?? created(facts, kpi, event);
  const at = event.at;
  // Field by field, not a spread of `base`: headers made at acquisition, returned here and read back
  // have different shapes, and spreading them was a quarter of this projection's time in a rebuild.
  return {
    customerId: base.customerId,
    acquiredAt: base.acquiredAt,
    channel: base.channel,
    customerType: base.customerType,
    acquisitionCost: base.acquisitionCost,
    facts,
    kpi,
    statusChanges: at === null ? base.statusChanges : withStatusChange(base.statusChanges, current?.kpi ?? null, kpi, at),
    csat: event.type === 'SatisfactionRecorded' ? { responses: base.csat.responses + 1, sum: base.csat.sum + event.data.csat } : base.csat,
    lastTransactionAt:
      event.type === 'TransactionRecorded' && at !== null && (base.lastTransactionAt === null || at > base.lastTransactionAt)
        ? at
        : base.lastTransactionAt,
    // As the months count it: a transaction with a day, of a customer already known (applyToCustomerAnalyticsMonth).
    revenueMinor:
      event.type === 'TransactionRecorded' && at !== null && current !== null
        ? addMoney(base.revenueMinor, event.data.revenue)
        : base.revenueMinor,
  };
}

/**
 * The month of the event's day, given the customer's header before the event; null where the header
 * ignores the event (anything before the acquisition: applyToCustomerAnalyticsHeader).
 */
export function applyToCustomerAnalyticsMonth(
  current: CustomerAnalyticsMonth | null,
  event: ProjectedEvent,
  before: CustomerAnalyticsHeader | null,
  config: ReadModelConfig,
): CustomerAnalyticsMonth | null {
  const day = event.at?.slice(0, 10);
  if (day === undefined || (before === null && event.type !== 'CustomerAcquired')) return null;
  const base = current ?? { customerId: event.customerId, month: day.slice(0, 7), days: [], products: [] };
  return {
    customerId: base.customerId,
    month: base.month,
    days: withDay(base.days, (d) => storedKpiDay(applyToKpiDay(d && kpiDayOf(d), event, before?.kpi ?? null, day, config)), day),
    products: event.type === 'TransactionRecorded' ? withProductDay(base.products, event, day) : base.products,
  };
}

export function customerAnalyticsMonthId(customerId: string, month: string): string {
  return `${customerId}:${month}`;
}

function created(facts: SegmentFacts, kpi: KpiCustomer, event: ProjectedEvent): CustomerAnalyticsHeader {
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
    csat: { responses: 0, sum: 0 },
    lastTransactionAt: null,
    revenueMinor: {},
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

function withDay(
  days: readonly StoredKpiDay[],
  apply: (current: StoredKpiDay | null) => StoredKpiDay,
  day: string,
): readonly StoredKpiDay[] {
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

export function customerAnalyticsProjection(config: ReadModelConfig): Projection<CustomerAnalyticsHeader> {
  const header: DocumentRule<CustomerAnalyticsHeader, null> = {
    collection: CUSTOMER_ANALYTICS,
    handles: HANDLED,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => applyToCustomerAnalyticsHeader(current, event, config),
  };
  const months: DocumentRule<CustomerAnalyticsMonth, CustomerAnalyticsHeader | null> = {
    collection: CUSTOMER_ANALYTICS_MONTHS,
    handles: HANDLED,
    idsOf: (event) => (event.at === null ? [] : [customerAnalyticsMonthId(event.customerId, event.at.slice(0, 7))]),
    apply: (current, event, before) => applyToCustomerAnalyticsMonth(current, event, before, config),
  };
  return {
    name: 'analytics',
    // 2: a header per customer and a document per customer-month; version 1 documents held every day.
    // 3: headers carry revenueMinor; version 2 ones lack it.
    shapeVersion: 3,
    collections: [
      { name: CUSTOMER_ANALYTICS, indexes: [{ name: 'by_position', fields: [{ field: 'position', direction: 'asc' }] }] },
      {
        name: CUSTOMER_ANALYTICS_MONTHS,
        // _id last: a customer's months are read in id order, which the index then gives without sorting the documents.
        indexes: [
          {
            name: 'by_customer',
            fields: [
              { field: 'customerId', direction: 'asc' },
              { field: '_id', direction: 'asc' },
            ],
          },
        ],
      },
    ],
    state: header,
    documents: [months as DocumentRule<object, CustomerAnalyticsHeader | null>],
  };
}
