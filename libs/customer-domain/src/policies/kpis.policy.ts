import { fromMinorUnits, type Money } from '@rapport/kernel';
import { percentOrNull } from './rounding';

/**
 * Customers churned while active in the period / customers exposed to churn in it × 100, 2 decimals: the
 * exposed are those active at its start plus those activated or reactivated in it. Each churn ends one
 * active spell that began before the period or in it, so the rate never exceeds 100 % (design.md §2 counted
 * only the active at the start, which customers activated and churned inside the period pushed past 100 %).
 */
export function churnRate(churnedInPeriod: number, exposedToChurn: number): number | null {
  return percentOrNull(churnedInPeriod, exposedToChurn);
}

/** 100 − churn rate, computed in hundredths so that 100 − 33.33 is exactly 66.67. */
export function retentionRate(churnRatePercent: number | null): number | null {
  if (churnRatePercent === null) return null;
  return (10_000 - Math.round(churnRatePercent * 100)) / 100;
}

export interface LifetimeValueInputs {
  /** Average revenue to the institution per customer per period, in minor units of `currency`. */
  readonly revenueMinorPerCustomerPerPeriod: bigint;
  /** Churn rate per period of the same length, as churnRate returns it (e.g. 12.5 for 12.5 %). */
  readonly churnRatePercent: number;
  /** Average acquisition cost per customer (CAC), in minor units of `currency`. */
  readonly acquisitionCostMinor: bigint;
  readonly currency: string;
}

/**
 * CLV = LTV − CAC, with LTV = revenue per period / churn rate per period (an expected
 * lifetime of 1 / churn periods). LTV is rounded down to whole minor units.
 * Returns null when churn is zero or less: nobody left, so the expected lifetime, and with
 * it LTV, is unbounded; a figure would be made up.
 */
export function customerLifetimeValue(inputs: LifetimeValueInputs): Money | null {
  const churnHundredthsOfPercent = BigInt(Math.round(inputs.churnRatePercent * 100));
  if (churnHundredthsOfPercent <= 0n) return null;
  // revenue / (churn% / 100) = revenue × 100 × 100 / (churn% × 100)
  const lifetimeValue = (inputs.revenueMinorPerCustomerPerPeriod * 10_000n) / churnHundredthsOfPercent;
  return fromMinorUnits(lifetimeValue - inputs.acquisitionCostMinor, inputs.currency);
}
