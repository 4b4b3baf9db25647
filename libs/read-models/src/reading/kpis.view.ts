import { churnRate, csatPercent, customerLifetimeValue, netPromoterScore, retentionRate } from '@rapport/customer-domain';
import { fromMinorUnits, type Money } from '@rapport/kernel';
import type { KpiDay } from '../projections/kpis.projection';
import { mergeSums, type MinorSums } from '../projections/money-sums';
import { ratioToHundredths } from './ratios';

export interface KpiReport {
  readonly acquired: number;
  readonly activated: number;
  readonly churned: number;
  /** Customers active at the start of `from` (UTC midnight). */
  readonly activeAtStart: number;
  readonly churnRate: number | null;
  readonly retentionRate: number | null;
  readonly csat: number | null;
  readonly nps: number | null;
  readonly complaints: number;
  readonly complaintsResolved: number;
  readonly averageResolutionHours: number | null;
  readonly revenue: readonly Money[];
  readonly acquisitionCost: readonly Money[];
  /** CLV = LTV − CAC per currency (kpis.policy.ts); null where churn is zero or nothing was acquired. */
  readonly clv: readonly { readonly currency: string; readonly value: Money | null }[];
}

type Totals = Omit<KpiDay, 'day' | 'revenueMinor' | 'acquisitionCostMinor'> & { revenueMinor: MinorSums; acquisitionCostMinor: MinorSums };

/** KPIs of the period covered by `inPeriod`, given every earlier day for the active base at its start. */
export function kpiReport(earlierDays: readonly KpiDay[], inPeriod: readonly KpiDay[]): KpiReport {
  const activeAtStart = earlierDays.reduce((sum, day) => sum + day.activeDelta, 0);
  const t = totals(inPeriod);
  const churn = churnRate(t.churnedActive, activeAtStart);
  return {
    acquired: t.acquired,
    activated: t.activated,
    churned: t.churned,
    activeAtStart,
    churnRate: churn,
    retentionRate: retentionRate(churn),
    csat: csatPercent(t.satisfied, t.responses),
    nps: netPromoterScore(t.promoters, t.detractors, t.npsResponses),
    complaints: t.complaintsFiled,
    complaintsResolved: t.complaintsResolved,
    averageResolutionHours: ratioToHundredths(t.resolutionHundredths, t.complaintsResolved * 100),
    revenue: moneyList(t.revenueMinor),
    acquisitionCost: moneyList(t.acquisitionCostMinor),
    clv: lifetimeValues(t, activeAtStart, churn),
  };
}

function totals(days: readonly KpiDay[]): Totals {
  const zero: Totals = {
    acquired: 0,
    activated: 0,
    reactivated: 0,
    churned: 0,
    churnedActive: 0,
    activeDelta: 0,
    complaintsFiled: 0,
    complaintsResolved: 0,
    resolutionHundredths: 0,
    responses: 0,
    satisfied: 0,
    npsResponses: 0,
    promoters: 0,
    detractors: 0,
    revenueMinor: {},
    acquisitionCostMinor: {},
  };
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
    };
  }, zero);
}

function moneyList(sums: MinorSums): Money[] {
  return Object.entries(sums)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => fromMinorUnits(BigInt(minor), currency));
}

/** Revenue per customer of the base in the period, over the period's churn; CAC is the period's cost per acquisition. */
function lifetimeValues(t: Totals, activeAtStart: number, churn: number | null): KpiReport['clv'] {
  return Object.entries(t.revenueMinor)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, revenue]) => {
      if (churn === null || activeAtStart === 0 || t.acquired === 0) return { currency, value: null };
      const cac = BigInt(t.acquisitionCostMinor[currency] ?? '0') / BigInt(t.acquired);
      const value = customerLifetimeValue({
        revenueMinorPerCustomerPerPeriod: BigInt(revenue) / BigInt(activeAtStart),
        churnRatePercent: churn,
        acquisitionCostMinor: cac,
        currency,
      });
      return { currency, value };
    });
}
