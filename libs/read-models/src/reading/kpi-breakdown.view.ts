import { segmentKey } from '@rapport/customer-domain';
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

interface Group {
  customers: number;
  readonly earlier: KpiDay[];
  readonly inPeriod: KpiDay[];
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
  for (const customer of customers) {
    if (customer.acquiredAt.slice(0, 10) > period.to) continue;
    for (const { key, days } of keyedDays(customer, by, period.to, now, config)) {
      const group = groups.get(key) ?? { customers: 0, earlier: [], inPeriod: [] };
      group.customers += 1;
      for (const day of days) {
        if (day.day < period.from) group.earlier.push(day);
        else if (day.day <= period.to) group.inPeriod.push(day);
      }
      groups.set(key, group);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, group]) => ({ key, customers: group.customers, ...kpiReport(group.earlier, group.inPeriod) }));
}

/** The keys a customer counts under, each with the days it brings there. */
function keyedDays(
  customer: CustomerAnalytics,
  by: BreakdownDimension,
  to: string,
  now: Date,
  config: ReadModelConfig,
): { key: string; days: readonly KpiDay[] }[] {
  switch (by) {
    case 'channel':
      return [{ key: customer.channel, days: customer.days }];
    case 'customerType':
      return [{ key: customer.customerType, days: customer.days }];
    case 'segment':
      return [{ key: segmentKey(segmentAt(customer.facts, now, config.segmentation)), days: customer.days }];
    case 'productCategory':
      return categoriesUsedBy(customer, to).map(([category, revenueByDay]) => ({
        key: category,
        days: customer.days.map((day) => ({ ...day, revenueMinor: revenueByDay.get(day.day) ?? {} })),
      }));
  }
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
