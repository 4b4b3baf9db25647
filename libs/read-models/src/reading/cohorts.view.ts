import { cohortTriangle, type CohortGranularity, type CohortMember } from '@rapport/analytics';
import { fromMinorUnits, type Money } from '@rapport/kernel';
import type { CustomerAnalytics } from '../projections/customer-analytics.projection';

export interface CohortView {
  readonly period: string;
  readonly size: number;
  /** Share (%) still active at the end of each ended period since activation; `[0]` is the activation period. */
  readonly retainedPercent: readonly number[];
  /** The cohort's revenue in each of those periods, in the book currency. */
  readonly revenue: readonly Money[];
  /** The cohort's revenue over all those periods. */
  readonly totalRevenue: Money;
}

export interface CohortsQuery {
  readonly granularity: CohortGranularity;
  /** Cohorts activated from this instant up to, not including, `to`. */
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
}

/** A customer's activations, churns and revenue in one currency, as the cohort triangle takes them. */
export function cohortMember(customer: CustomerAnalytics, currency: string): CohortMember {
  return {
    customerId: customer.customerId,
    statusChanges: customer.statusChanges,
    revenue: customer.days
      .filter((day) => day.revenueMinor[currency] !== undefined)
      .map((day) => ({ at: `${day.day}T00:00:00.000Z`, minor: BigInt(day.revenueMinor[currency] ?? '0') })),
  };
}

/** The retention triangle and revenue per cohort (issue #13), revenue in `currency` (the book currency). */
export function cohortsView(customers: readonly CustomerAnalytics[], query: CohortsQuery, currency: string): CohortView[] {
  const members = customers.map((customer) => cohortMember(customer, currency));
  return cohortTriangle(members, query).map((cohort) => ({
    period: cohort.period,
    size: cohort.size,
    retainedPercent: cohort.retainedPercent,
    revenue: cohort.revenueMinor.map((minor) => fromMinorUnits(BigInt(minor), currency)),
    totalRevenue: fromMinorUnits(
      cohort.revenueMinor.reduce((sum, minor) => sum + BigInt(minor), 0n),
      currency,
    ),
  }));
}
