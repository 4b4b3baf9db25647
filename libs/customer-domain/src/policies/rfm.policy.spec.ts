import { defaultRfmConfig, rfmScores, type RfmInputs, type RfmScore } from './rfm.policy';

const config = { rfm: defaultRfmConfig };
const typical: RfmInputs = {
  daysSinceLastTransaction: 10,
  transactionsIn12Months: 30,
  revenueIn12MonthsMinor: 6_000_000n,
};

describe('RFM recency by days since the last transaction', () => {
  it.each<[number | null, RfmScore]>([
    [0, 5],
    [30, 5],
    [31, 4],
    [90, 4],
    [91, 3],
    [180, 3],
    [181, 2],
    [365, 2],
    [366, 1],
    [null, 1],
  ])('%s days scores %i', (days, score) => {
    expect(rfmScores({ ...typical, daysSinceLastTransaction: days }, config).recency).toBe(score);
  });
});

describe('RFM frequency by transactions in 12 months', () => {
  it.each<[number, RfmScore]>([
    [0, 1],
    [1, 1],
    [2, 2],
    [5, 2],
    [6, 3],
    [11, 3],
    [12, 4],
    [23, 4],
    [24, 5],
  ])('%i transactions score %i', (transactions, score) => {
    expect(rfmScores({ ...typical, transactionsIn12Months: transactions }, config).frequency).toBe(score);
  });
});

describe('RFM monetary by revenue in 12 months (fen)', () => {
  it.each<[bigint, RfmScore]>([
    [0n, 1],
    [49_999n, 1],
    [50_000n, 2],
    [199_999n, 2],
    [200_000n, 3],
    [999_999n, 3],
    [1_000_000n, 4],
    [4_999_999n, 4],
    [5_000_000n, 5],
  ])('%s fen scores %i', (revenue, score) => {
    expect(rfmScores({ ...typical, revenueIn12MonthsMinor: revenue }, config).monetary).toBe(score);
  });
});
