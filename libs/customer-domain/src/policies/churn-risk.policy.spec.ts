import { assetDropPercent, churnRisk, defaultChurnRiskConfig as config, isAtRisk, type ChurnRiskSignals } from './churn-risk.policy';

const calm: ChurnRiskSignals = {
  daysSinceLastTransaction: 3,
  isSatisfactionFalling: false,
  openComplaints: 0,
  overdueComplaints: 0,
  assetDropPercent: 0,
  recentDetractorAnswers: 0,
};

describe('churn risk: dormancy rises with the days since the last transaction', () => {
  it.each([
    [null, 0],
    [59, 0],
    [60, 0],
    [90, 13],
    [120, 25],
    [178, 49],
    [179, 50],
    [180, 50],
    [400, 50],
  ])('%p days without a transaction score %i', (days, score) => {
    expect(churnRisk({ ...calm, daysSinceLastTransaction: days }, config).score).toBe(score);
  });

  it('gives the measured days as the reason', () => {
    expect(churnRisk({ ...calm, daysSinceLastTransaction: 120 }, config).reasons).toEqual([{ signal: 'dormancy', value: 120, points: 25 }]);
  });
});

describe('churn risk: each signal and its cap', () => {
  it.each<[string, Partial<ChurnRiskSignals>, number]>([
    ['nothing', {}, 0],
    ['falling satisfaction', { isSatisfactionFalling: true }, 30],
    ['one open complaint', { openComplaints: 1 }, 5],
    ['three open complaints (capped at 10)', { openComplaints: 3 }, 10],
    ['one overdue complaint', { openComplaints: 1, overdueComplaints: 1 }, 25],
    ['three overdue complaints (capped at 40)', { openComplaints: 3, overdueComplaints: 3 }, 50],
    ['assets down 29 %', { assetDropPercent: 29 }, 0],
    ['assets down 30 %', { assetDropPercent: 30 }, 25],
    ['one detractor answer', { recentDetractorAnswers: 1 }, 10],
    ['five detractor answers (capped at 20)', { recentDetractorAnswers: 5 }, 20],
  ])('%s scores %i', (_name, signals, score) => {
    expect(churnRisk({ ...calm, ...signals }, config).score).toBe(score);
  });

  it('adds the signals, never above 100, and lists the reasons largest first', () => {
    const risk = churnRisk(
      {
        daysSinceLastTransaction: 200,
        isSatisfactionFalling: true,
        openComplaints: 2,
        overdueComplaints: 1,
        assetDropPercent: 45,
        recentDetractorAnswers: 2,
      },
      config,
    );
    expect(risk.score).toBe(100);
    expect(risk.reasons).toEqual([
      { signal: 'dormancy', value: 200, points: 50 },
      { signal: 'falling-satisfaction', value: 1, points: 30 },
      { signal: 'asset-drop', value: 45, points: 25 },
      { signal: 'overdue-complaints', value: 1, points: 20 },
      { signal: 'nps-detractor', value: 2, points: 20 },
      { signal: 'open-complaints', value: 2, points: 10 },
    ]);
  });
});

describe('at risk from the configured score', () => {
  it.each([
    [49, false],
    [50, true],
  ])('a score of %i is at risk: %p', (score, expected) => {
    expect(isAtRisk({ score, reasons: [] }, config)).toBe(expected);
  });

  it('follows the configuration, not a constant', () => {
    expect(isAtRisk({ score: 30, reasons: [] }, { ...config, atRiskFromScore: 30 })).toBe(true);
  });
});

describe('asset drop in whole percent', () => {
  it.each<[bigint, bigint, number]>([
    [10_000_000n, 6_000_000n, 40],
    [10_000_000n, 10_000_000n, 0],
    [10_000_000n, 12_000_000n, 0],
    [0n, 0n, 0],
    [3n, 2n, 33],
  ])('%p → %p is %i %%', (before, after, percent) => {
    expect(assetDropPercent(before, after)).toBe(percent);
  });
});
