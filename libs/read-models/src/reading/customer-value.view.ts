import { cohortLabel, cohortTriangle, customerValue, type CustomerValueConfig } from '@rapport/analytics';
import { fromMinorUnits, type Money } from '@rapport/kernel';
import type { CustomerAnalytics, CustomerAnalyticsHeader } from '../projections/customer-analytics.projection';
import { minorUnitsOf } from '../projections/money-sums';

export interface CustomerValueView {
  readonly customerId: string;
  /** Own margin to date − own acquisition cost; null when the customer was acquired without a cost. */
  readonly valueToDate: Money | null;
  /** Value to date + the margin expected from the cohort's retention over the horizon; null without a cost. */
  readonly projectedValue: Money | null;
  /** Further active months expected over the horizon, from the monthly cohort's retention. */
  readonly expectedFutureMonths: number;
}

const EARLIEST = '0000-01-01T00:00:00.000Z';
const LATEST = '9999-12-31T23:59:59.999Z';

/**
 * Per-customer value (issue #13) of every customer, as of `now`. Margin is revenue in the currency
 * of the customer's acquisition cost; the projection uses the retention of the monthly cohort the
 * customer was activated in, over the customers given (the whole book).
 */
export function customerValues(customers: readonly CustomerAnalytics[], now: Date, config?: CustomerValueConfig): CustomerValueView[] {
  const curves = retentionByCohort(customers, now);
  return customers.map((customer) => customerValueOf(customer, now, curves, config));
}

/** Each monthly activation cohort's retention curve over the whole book, as of `now` (only ended months). */
export function retentionByCohort(customers: readonly CustomerAnalytics[], now: Date): ReadonlyMap<string, readonly number[]> {
  const query = { granularity: 'month', from: EARLIEST, to: LATEST, asOf: now.toISOString() } as const;
  // Retention needs no revenue, so none is gathered.
  const members = customers.map(({ customerId, statusChanges }) => ({ customerId, statusChanges, revenue: [] }));
  const triangle = cohortTriangle(members, query);
  return new Map(triangle.map((cohort) => [cohort.period, cohort.retainedPercent]));
}

/** One customer's value, given the book's monthly retention curves (retentionByCohort). */
export function customerValueOf(
  customer: CustomerAnalyticsHeader,
  now: Date,
  curves: ReadonlyMap<string, readonly number[]>,
  config?: CustomerValueConfig,
): CustomerValueView {
  const cost = customer.acquisitionCost;
  const currency = cost?.currency ?? null;
  const activatedAt = customer.statusChanges[0]?.at;
  const activation = activatedAt === undefined ? undefined : new Date(activatedAt);
  const margin = BigInt((currency && customer.revenueMinor[currency]) ?? '0');
  const value = customerValue(
    {
      marginToDateMinor: margin,
      acquisitionCostMinor: cost === null ? null : minorUnitsOf(cost),
      ageInPeriods: activation === undefined ? 0 : monthsBetween(activation, now),
      isActive: customer.kpi.status === 'active',
      cohortRetainedPercent: activation === undefined ? [] : (curves.get(cohortLabel(activation, 'month')) ?? []),
    },
    config,
  );
  const money = (minor: bigint | null) => (minor === null || currency === null ? null : fromMinorUnits(minor, currency));
  return {
    customerId: customer.customerId,
    valueToDate: money(value.valueToDateMinor),
    projectedValue: money(value.projectedValueMinor),
    expectedFutureMonths: value.expectedFuturePeriods,
  };
}

/** Whole calendar months from the activation month to the month of `now` (0 in the activation month). */
function monthsBetween(activation: Date, now: Date): number {
  return Math.max(0, (now.getUTCFullYear() - activation.getUTCFullYear()) * 12 + now.getUTCMonth() - activation.getUTCMonth());
}
