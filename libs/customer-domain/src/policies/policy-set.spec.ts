import { defaultChurnRiskConfig } from './churn-risk.policy';
import { defaultComplaintClockConfig } from './complaint-clock.policy';
import { defaultPolicySet, domainConfigOf, readPolicySet } from './policy-set';
import { defaultSegmentationConfig } from './segmentation.policy';

const problemsOf = (document: unknown) => {
  const reading = readPolicySet(document);
  return 'problems' in reading ? reading.problems : [];
};

describe('a policy document', () => {
  it('with only a version is the defaults under that version', () => {
    expect(readPolicySet({ version: 'v1' })).toEqual({ policy: { ...defaultPolicySet, version: 'v1' } });
  });

  it('overrides only the settings it names, keeping every other default', () => {
    const reading = readPolicySet({
      version: 'v2',
      churnRisk: { dormancy: { weight: 40 } },
      complaintClock: { calendar: { counting: 'working-days', holidays: ['2026-10-01'] } },
    });
    if (!('policy' in reading)) throw new Error(reading.problems.join('; '));
    expect(reading.policy.churnRisk.dormancy).toEqual({ ...defaultChurnRiskConfig.dormancy, weight: 40 });
    expect(reading.policy.churnRisk.atRiskFromScore).toBe(defaultChurnRiskConfig.atRiskFromScore);
    expect(reading.policy.complaintClock.calendar).toEqual({
      ...defaultComplaintClockConfig.calendar,
      counting: 'working-days',
      holidays: ['2026-10-01'],
    });
    expect(domainConfigOf(reading.policy).complaints).toBe(reading.policy.complaintClock);
  });

  it('may add a currency to the value tiers, with every threshold given', () => {
    const usd = { affluentFrom: '10000.00', wealthFrom: '100000.00', privateFrom: '1000000.00' };
    const reading = readPolicySet({ version: 'v3', segmentation: { valueTiers: { USD: usd } } });
    if (!('policy' in reading)) throw new Error(reading.problems.join('; '));
    expect(reading.policy.segmentation.valueTiers).toEqual({ USD: usd });
    expect(reading.policy.segmentation.behaviour).toEqual(defaultSegmentationConfig.behaviour);
    expect(problemsOf({ version: 'v3', segmentation: { valueTiers: { USD: { affluentFrom: '1.00' } } } })).toEqual([
      'segmentation.valueTiers.USD.wealthFrom is missing',
      'segmentation.valueTiers.USD.privateFrom is missing',
    ]);
  });

  it.each([
    ['no version', {}, 'version must be a non-empty string'],
    ['a blank version', { version: ' ' }, 'version must be a non-empty string'],
    ['an unknown section', { version: 'v', pricing: {} }, 'pricing is not a known setting'],
    ['a misspelt setting', { version: 'v', churnRisk: { dormancy: { wieght: 5 } } }, 'churnRisk.dormancy.wieght is not a known setting'],
    ['a string for a number', { version: 'v', loyalty: { tierWindowMonths: '12' } }, 'loyalty.tierWindowMonths must be a number'],
    ['a number for a section', { version: 'v', segmentation: 3 }, 'segmentation must be an object'],
    [
      'a string for a list',
      { version: 'v', complaintClock: { calendar: { holidays: '2026-10-01' } } },
      'complaintClock.calendar.holidays must be an array',
    ],
    ['a weight out of range', { version: 'v', churnRisk: { dormancy: { weight: 500 } } }, 'churnRisk.dormancy.weight is out of range: 500'],
    [
      'a due date of no days',
      { version: 'v', complaintClock: { dueDays: 0 } },
      'complaintClock.dueDays must be a whole number of days, at least 1',
    ],
  ])('with %s is refused, naming the field', (_name, document, problem) => {
    expect(problemsOf(document)).toEqual([problem]);
  });

  it('that is not an object is refused', () => {
    expect(problemsOf([])).toEqual(['the document must be a JSON object']);
  });
});
