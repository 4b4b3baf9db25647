import {
  behaviour,
  defaultSegmentationConfig as config,
  lifecycleStage,
  segmentKey,
  valueContribution,
  valueTier,
  type Behaviour,
  type ContributionBand,
  type LifecycleFacts,
  type LifecycleStage,
  type ValueTier,
} from './segmentation.policy';

const ACTIVATED = '2025-01-05T09:00:00.000Z';
const msAfter = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const daysAfter = (iso: string, days: number): string => msAfter(iso, days * 86_400_000);

describe('value tier by assets in CNY', () => {
  it.each<[string, ValueTier]>([
    ['0.00', 'mass'],
    ['49999.99', 'mass'],
    ['50000.00', 'affluent'],
    ['499999.99', 'affluent'],
    ['500000.00', 'wealth'],
    ['5999999.99', 'wealth'],
    ['6000000.00', 'private'],
    ['900000000000.00', 'private'],
  ])('%s CNY is %s', (amount, tier) => {
    expect(valueTier({ amount, currency: 'CNY' }, config)).toBe(tier);
  });

  it('leaves a currency without thresholds unclassified rather than guessing an exchange rate', () => {
    expect(valueTier({ amount: '10000000.00', currency: 'USD' }, config)).toBe('unclassified');
  });
});

describe('value-contribution band by value to date in CNY (fen)', () => {
  it.each<[bigint, ContributionBand]>([
    [-1n, 'low'],
    [0n, 'medium'],
    [499_999n, 'medium'],
    [500_000n, 'high'],
  ])('%s fen: %s', (valueToDateMinor, band) => {
    expect(valueContribution(valueToDateMinor, config)).toBe(band);
  });
});

describe('behaviour by transactions in the trailing 90 days', () => {
  it.each<[number, Behaviour]>([
    [0, 'none'],
    [1, 'low'],
    [2, 'low'],
    [3, 'medium'],
    [9, 'medium'],
    [10, 'high'],
  ])('%i transactions is %s', (transactions, band) => {
    expect(behaviour(transactions, config)).toBe(band);
  });
});

describe('lifecycle stage', () => {
  const TWELVE_MONTHS_LATER = '2026-01-05T09:00:00.000Z';
  const active = (lastTransactionAt?: string): LifecycleFacts => ({
    status: 'active',
    activatedAt: ACTIVATED,
    lastTransactionAt,
  });
  const day = (days: number, ms = 0): string => msAfter(daysAfter(ACTIVATED, days), ms);

  it.each<[string, LifecycleFacts, string, LifecycleStage]>([
    ['an acquired customer', { status: 'acquired' }, ACTIVATED, 'prospect'],
    ['a churned customer', { status: 'churned' }, ACTIVATED, 'churned'],
    ['activated 89 days ago without transactions', active(), day(89), 'new'],
    ['activated 90 days minus 1 ms ago', active(), day(90, -1), 'new'],
    ['activated 10 days ago without transactions (new wins over dormant)', active(), day(10), 'new'],
    ['activated 90 days ago without transactions', active(), day(90), 'dormant'],
    ['activated 90 days ago, last transaction 89 days ago', active(day(1)), day(90), 'active'],
    ['last transaction exactly 90 days ago', active(day(100)), day(190), 'dormant'],
    ['last transaction 90 days minus 1 ms ago', active(day(100)), day(190, -1), 'active'],
    ['activated 12 months minus 1 ms ago, transacting', active(day(360)), msAfter(TWELVE_MONTHS_LATER, -1), 'active'],
    ['activated exactly 12 months ago, transacting', active(day(360)), TWELVE_MONTHS_LATER, 'mature'],
    ['activated 2 years ago, idle for 100 days', active(day(630)), day(730), 'dormant'],
  ])('%s is %s', (_case, facts, asOf, stage) => {
    expect(lifecycleStage(facts, asOf, config)).toBe(stage);
  });
});

describe('segment key', () => {
  it('joins the dimensions in a stable order', () => {
    const key = segmentKey({
      customerType: 'individual',
      valueTier: 'affluent',
      riskProfile: 'C3',
      behaviour: 'medium',
      lifecycleStage: 'active',
    });
    expect(key).toBe('individual.affluent.C3.medium.active');
  });
});
