import { churnRate, csatPercent, customerLifetimeValue, netPromoterScore, retentionRate } from '@rapport/customer-domain';
import { fromMinorUnits, toMinorUnits, type Money } from '@rapport/kernel';
import { ZERO_KPI_COUNTS, type KpiDay } from '../projections/kpis.projection';
import { mergeCounts, mergeSums, type MinorSums } from '../projections/money-sums';
import { ratioToHundredths } from './ratios';

export interface KpiReport {
  readonly acquired: number;
  readonly activated: number;
  readonly churned: number;
  /** Customers active at the start of `from` (UTC midnight). */
  readonly activeAtStart: number;
  /** The churn rate's divisor: activeAtStart plus the customers activated or reactivated in the period. */
  readonly churnBase: number;
  readonly churnRate: number | null;
  readonly retentionRate: number | null;
  readonly csat: number | null;
  readonly nps: number | null;
  readonly complaints: number;
  readonly complaintsResolved: number;
  readonly averageResolutionHours: number | null;
  readonly revenue: readonly Money[];
  readonly acquisitionCost: readonly Money[];
  /** Average acquisition cost per currency over the customers acquired in the period with a known cost (`customers`). */
  readonly cac: readonly { readonly currency: string; readonly value: Money; readonly customers: number }[];
  /** Customers acquired in the period without a known acquisition cost: left out of CAC. */
  readonly acquiredWithoutCost: number;
  /** CLV = LTV − CAC per currency (kpis.policy.ts); null where churn is zero or nothing was acquired. */
  readonly clv: readonly { readonly currency: string; readonly value: Money | null }[];
}

/** A period's days added up: every counter and sum of a day (days stored before a field existed count it as zero). */
type Totals = Omit<Required<KpiDay>, 'day'>;

/** KPIs of the period covered by `inPeriod`, given every earlier day for the active base at its start. */
export function kpiReport(earlierDays: readonly KpiDay[], inPeriod: readonly KpiDay[]): KpiReport {
  const activeAtStart = earlierDays.reduce((sum, day) => sum + day.activeDelta, 0);
  const t = totals(inPeriod);
  const churnBase = activeAtStart + t.activated + t.reactivated;
  const churn = churnRate(t.churnedActive, churnBase);
  const cac = acquisitionCosts(t);
  return {
    acquired: t.acquired,
    activated: t.activated,
    churned: t.churned,
    activeAtStart,
    churnBase,
    churnRate: churn,
    retentionRate: retentionRate(churn),
    csat: csatPercent(t.satisfied, t.responses),
    nps: netPromoterScore(t.promoters, t.detractors, t.npsResponses),
    complaints: t.complaintsFiled,
    complaintsResolved: t.complaintsResolved,
    averageResolutionHours: ratioToHundredths(t.resolutionHundredths, t.complaintsResolved * 100),
    revenue: moneyList(t.revenueMinor),
    acquisitionCost: moneyList(t.acquisitionCostMinor),
    cac,
    acquiredWithoutCost: t.acquiredWithoutCost,
    clv: lifetimeValues(t, activeAtStart, churn, cac),
  };
}

function totals(days: readonly KpiDay[]): Totals {
  return days.reduce<Totals>((sum, day) => {
    const counts = Object.fromEntries(
      Object.entries(sum).map(([field, value]) => [
        field,
        typeof value === 'number' ? value + (day[field as keyof KpiDay] as number) : value,
      ]),
    );
    return {
      ...(counts as Totals),
      revenueMinor: mergeSums(sum.revenueMinor, day.revenueMinor),
      acquisitionCostMinor: mergeSums(sum.acquisitionCostMinor, day.acquisitionCostMinor),
      acquiredWithCost: mergeCounts(sum.acquiredWithCost, day.acquiredWithCost ?? {}),
      acquiredWithoutCost: sum.acquiredWithoutCost + (day.acquiredWithoutCost ?? 0),
    };
  }, ZERO_KPI_COUNTS);
}

function moneyList(sums: MinorSums): Money[] {
  return Object.entries(sums)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => fromMinorUnits(BigInt(minor), currency));
}

/** Cost per customer acquired with a known cost in that currency, rounded down to whole minor units. */
function acquisitionCosts(t: Totals): KpiReport['cac'] {
  return Object.entries(t.acquiredWithCost)
    .filter(([, customers]) => customers > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, customers]) => ({
      currency,
      value: fromMinorUnits(BigInt(t.acquisitionCostMinor[currency] ?? '0') / BigInt(customers), currency),
      customers,
    }));
}

/** Revenue per customer of the base in the period, over the period's churn, less the period's CAC in that currency. */
function lifetimeValues(t: Totals, activeAtStart: number, churn: number | null, cac: KpiReport['cac']): KpiReport['clv'] {
  return Object.entries(t.revenueMinor)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, revenue]) => {
      const cost = cac.find((entry) => entry.currency === currency);
      if (churn === null || activeAtStart === 0 || cost === undefined) return { currency, value: null };
      const value = customerLifetimeValue({
        revenueMinorPerCustomerPerPeriod: BigInt(revenue) / BigInt(activeAtStart),
        churnRatePercent: churn,
        acquisitionCostMinor: toMinorUnits(cost.value),
        currency,
      });
      return { currency, value };
    });
}
