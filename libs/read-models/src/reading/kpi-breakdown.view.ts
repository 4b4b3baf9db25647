import { segmentKey } from '@rapport/customer-domain';
import { instantOf, type Instant } from '@rapport/kernel';
import type { CustomerAnalytics } from '../projections/customer-analytics.projection';
import type { KpiDay } from '../projections/kpis.projection';
import type { MinorSums } from '../projections/money-sums';
import type { ReadModelConfig } from '../projections/read-model.config';
import { segmentAt } from '../projections/segment-facts';
import { kpiReport, type KpiReport } from './kpis.view';

export const BREAKDOWN_DIMENSIONS = ['segment', 'channel', 'productCategory', 'customerType'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export type KpiBreakdownRow = KpiReport & {
  readonly key: string;
  /** Customers in the group: acquired on or before the period's last day. */
  readonly customers: number;
};

type Counter = Exclude<keyof KpiDay, 'day' | 'revenueMinor' | 'acquisitionCostMinor' | 'acquiredWithCost'>;
const COUNTERS: readonly Counter[] = [
  'acquired',
  'activated',
  'reactivated',
  'churned',
  'churnedActive',
  'activeDelta',
  'complaintsFiled',
  'complaintsResolved',
  'resolutionHundredths',
  'responses',
  'satisfied',
  'npsResponses',
  'promoters',
  'detractors',
  'acquiredWithoutCost',
];

/** A group's days added up as they are read: one running total before the period, one within it. */
interface Group {
  customers: number;
  activeAtStart: number;
  readonly counts: Record<Counter, number>;
  readonly revenue: Map<string, bigint>;
  readonly acquisitionCost: Map<string, bigint>;
  readonly acquiredWithCost: Map<string, number>;
}

/**
 * Every KPI of the period per key of one dimension (issue #13; README "KPI breakdowns"), the same
 * definitions as the whole-book report applied to each group's own customers. `from` and `to` are
 * inclusive UTC days; `now` places each customer in its segment.
 */
export function kpiBreakdown(
  customers: readonly CustomerAnalytics[],
  by: BreakdownDimension,
  period: { readonly from: string; readonly to: string },
  now: Date,
  config: ReadModelConfig,
): KpiBreakdownRow[] {
  const groups = new Map<string, Group>();
  const asOf = instantOf(now);
  for (const customer of customers) {
    if (customer.acquiredAt.slice(0, 10) > period.to) continue;
    for (const { key, days, revenueOf } of keyedDays(customer, by, period.to, asOf, config)) {
      const group = groups.get(key) ?? emptyGroup();
      group.customers += 1;
      for (const day of days) {
        if (day.day < period.from) group.activeAtStart += day.activeDelta;
        else if (day.day <= period.to) addDay(group, day, revenueOf(day));
      }
      groups.set(key, group);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, group]) => ({
      key,
      customers: group.customers,
      ...kpiReport([asDay('', { activeDelta: group.activeAtStart })], [totalOf(group)]),
    }));
}

function emptyGroup(): Group {
  const counts = Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Record<Counter, number>;
  return { customers: 0, activeAtStart: 0, counts, revenue: new Map(), acquisitionCost: new Map(), acquiredWithCost: new Map() };
}

function addDay(group: Group, day: KpiDay, revenue: MinorSums): void {
  for (const counter of COUNTERS) group.counts[counter] += day[counter] ?? 0;
  addSums(group.revenue, revenue);
  addSums(group.acquisitionCost, day.acquisitionCostMinor);
  for (const [currency, customers] of Object.entries(day.acquiredWithCost ?? {}))
    group.acquiredWithCost.set(currency, (group.acquiredWithCost.get(currency) ?? 0) + customers);
}

function addSums(into: Map<string, bigint>, sums: MinorSums): void {
  for (const [currency, minor] of Object.entries(sums)) into.set(currency, (into.get(currency) ?? 0n) + BigInt(minor));
}

function totalOf(group: Group): KpiDay {
  return {
    ...asDay('', group.counts),
    revenueMinor: sumsOf(group.revenue),
    acquisitionCostMinor: sumsOf(group.acquisitionCost),
    acquiredWithCost: Object.fromEntries(group.acquiredWithCost),
  };
}

function asDay(day: string, counts: Partial<Record<Counter, number>>): KpiDay {
  const zero = Object.fromEntries(COUNTERS.map((counter) => [counter, counts[counter] ?? 0])) as Record<Counter, number>;
  return { day, ...zero, revenueMinor: {}, acquisitionCostMinor: {} };
}

function sumsOf(sums: ReadonlyMap<string, bigint>): MinorSums {
  return Object.fromEntries([...sums].map(([currency, minor]) => [currency, minor.toString()]));
}

/** The keys a customer counts under, each with the days it brings there. */
function keyedDays(
  customer: CustomerAnalytics,
  by: BreakdownDimension,
  to: string,
  now: Instant,
  config: ReadModelConfig,
): { key: string; days: readonly KpiDay[]; revenueOf: (day: KpiDay) => MinorSums }[] {
  const { days } = customer;
  switch (by) {
    case 'channel':
      return [{ key: customer.channel, days, revenueOf: allRevenue }];
    case 'customerType':
      return [{ key: customer.customerType, days, revenueOf: allRevenue }];
    case 'segment':
      return [{ key: segmentKey(segmentAt(customer.facts, now, config.segmentation)), days, revenueOf: allRevenue }];
    case 'productCategory':
      return categoriesUsedBy(customer, to).map(([category, revenueByDay]) => ({
        key: category,
        days,
        revenueOf: (day: KpiDay) => revenueByDay.get(day.day) ?? {},
      }));
  }
}

function allRevenue(day: KpiDay): MinorSums {
  return day.revenueMinor;
}

/** Categories used on or before `to`, each with its own revenue per day: a category's revenue is only its transactions'. */
function categoriesUsedBy(customer: CustomerAnalytics, to: string): [string, Map<string, MinorSums>][] {
  const categories = new Map<string, Map<string, MinorSums>>();
  for (const product of customer.products) {
    if (product.day > to) continue;
    const byDay = categories.get(product.category) ?? new Map<string, MinorSums>();
    byDay.set(product.day, product.revenueMinor);
    categories.set(product.category, byDay);
  }
  return [...categories.entries()];
}
