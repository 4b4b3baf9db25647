/**
 * Per-customer value (issue #13): what a customer has been worth so far — its own margin to date
 * minus its own acquisition cost — and a projection of what it will be worth, from its own average
 * margin per period and its cohort's observed retention. All money in minor units of one currency.
 */
export interface CustomerValueInputs {
  /** Revenue to the institution recorded for this customer so far (its margin). */
  readonly marginToDateMinor: bigint;
  /** Null when the customer was acquired without a recorded cost: then no value is claimed. */
  readonly acquisitionCostMinor: bigint | null;
  /** Whole periods since activation (0 in the activation period). */
  readonly ageInPeriods: number;
  readonly isActive: boolean;
  /** The cohort's share still active after each period from activation (cohortTriangle's retainedPercent). */
  readonly cohortRetainedPercent: readonly number[];
}

export interface CustomerValue {
  /** Margin to date − acquisition cost; null when the cost is unknown. */
  readonly valueToDateMinor: bigint | null;
  /** Value to date + expected future margin over the horizon; null when the cost is unknown. */
  readonly projectedValueMinor: bigint | null;
  /** Expected number of further active periods over the horizon (for reading the projection). */
  readonly expectedFuturePeriods: number;
}

export interface CustomerValueConfig {
  /** How far ahead the projection looks, in periods (60 months: five years). */
  readonly horizonPeriods: number;
}

export const defaultCustomerValueConfig: CustomerValueConfig = { horizonPeriods: 60 };

export function customerValue(inputs: CustomerValueInputs, config: CustomerValueConfig = defaultCustomerValueConfig): CustomerValue {
  const expectedFuturePeriods = inputs.isActive
    ? expectedActivePeriods(inputs.cohortRetainedPercent, inputs.ageInPeriods, config.horizonPeriods)
    : 0;
  if (inputs.acquisitionCostMinor === null) return { valueToDateMinor: null, projectedValueMinor: null, expectedFuturePeriods };
  const valueToDate = inputs.marginToDateMinor - inputs.acquisitionCostMinor;
  const marginPerPeriod = Number(inputs.marginToDateMinor) / (inputs.ageInPeriods + 1);
  const futureMargin = BigInt(Math.floor(marginPerPeriod * expectedFuturePeriods));
  return { valueToDateMinor: valueToDate, projectedValueMinor: valueToDate + futureMargin, expectedFuturePeriods };
}

/**
 * Σ over the next `horizon` periods of the chance to still be active then, given active now at
 * `age`: retained[age + k] / retained[age] where the cohort has been observed that far, and beyond
 * it the cohort's last observed period-on-period retention, repeated. Rounded to 1/1000 period.
 */
export function expectedActivePeriods(retainedPercent: readonly number[], age: number, horizon: number): number {
  const now = retainedPercent[Math.min(age, retainedPercent.length - 1)];
  if (now === undefined || now <= 0) return 0;
  const last = retainedPercent[retainedPercent.length - 1] ?? 0;
  const beforeLast = retainedPercent[retainedPercent.length - 2] ?? last;
  const tailRatio = beforeLast > 0 ? Math.min(1, last / beforeLast) : 0;
  let total = 0;
  for (let k = 1; k <= horizon; k += 1) {
    const at = age + k;
    const observed = retainedPercent[at];
    const survival = observed !== undefined ? observed / now : (last / now) * tailRatio ** (at - (retainedPercent.length - 1));
    total += Math.min(1, survival);
  }
  return Math.round(total * 1000) / 1000;
}
