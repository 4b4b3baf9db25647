import { customerValue, expectedActivePeriods } from './customer-value';

describe('expected further active periods from the cohort’s retention', () => {
  it('uses the observed curve, relative to the customer’s age', () => {
    // Active now at age 1 (80 %): next periods 60/80 and 40/80 → 0.75 + 0.5 = 1.25 over a horizon of 2.
    expect(expectedActivePeriods([100, 80, 60, 40], 1, 2)).toBe(1.25);
  });

  it('repeats the last observed period-on-period retention beyond the curve', () => {
    // Age 3 (40 %), last ratio 40/60 = 2/3: next three periods (2/3), (2/3)², (2/3)³ = 0.667 + 0.444 + 0.296 = 1.407.
    expect(expectedActivePeriods([100, 80, 60, 40], 3, 3)).toBe(1.407);
  });

  it('is 0 for a cohort that kept nobody', () => {
    expect(expectedActivePeriods([100, 0], 1, 12)).toBe(0);
  });

  it('counts a cohort that lost nobody as active every period of the horizon', () => {
    expect(expectedActivePeriods([100, 100], 0, 12)).toBe(12);
  });
});

describe('per-customer value', () => {
  it('is margin to date − own acquisition cost, plus the average margin per period × expected periods', () => {
    // 30,000 margin over ages 0–2 (3 periods) = 10,000 per period; cost 12,000; expected 1.25 periods.
    const value = customerValue(
      {
        marginToDateMinor: 30_000n,
        acquisitionCostMinor: 12_000n,
        ageInPeriods: 2,
        isActive: true,
        cohortRetainedPercent: [100, 100, 80, 60, 40],
      },
      { horizonPeriods: 2 },
    );
    expect(value).toEqual({ valueToDateMinor: 18_000n, projectedValueMinor: 18_000n + 12_500n, expectedFuturePeriods: 1.25 });
  });

  it('projects nothing further for a churned customer', () => {
    const value = customerValue({
      marginToDateMinor: 5_000n,
      acquisitionCostMinor: 1_000n,
      ageInPeriods: 4,
      isActive: false,
      cohortRetainedPercent: [100, 90],
    });
    expect(value).toEqual({ valueToDateMinor: 4_000n, projectedValueMinor: 4_000n, expectedFuturePeriods: 0 });
  });

  it('claims no value when the acquisition cost is unknown', () => {
    const value = customerValue({
      marginToDateMinor: 5_000n,
      acquisitionCostMinor: null,
      ageInPeriods: 0,
      isActive: true,
      cohortRetainedPercent: [100],
    });
    expect(value.valueToDateMinor).toBeNull();
    expect(value.projectedValueMinor).toBeNull();
  });
});
