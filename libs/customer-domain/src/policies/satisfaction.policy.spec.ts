import { csatPercent, isFallingRun, isSatisfied, netPromoterScore, npsCategory, type NpsCategory } from './satisfaction.policy';

describe('CSAT answer', () => {
  it.each<[number, boolean]>([
    [1, false],
    [3, false],
    [4, true],
    [5, true],
  ])('a score of %i is satisfied: %s', (csat, satisfied) => {
    expect(isSatisfied(csat)).toBe(satisfied);
  });
});

describe('NPS answer', () => {
  it.each<[number, NpsCategory]>([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ])('%i is a %s', (nps, category) => {
    expect(npsCategory(nps)).toBe(category);
  });
});

describe('CSAT percentage', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 5, 0],
    [1, 3, 33.33],
    [2, 3, 66.67],
    [1, 8, 12.5],
    [1, 200_000, 0],
    [1, 20_000, 0.01],
    [1, 20_001, 0],
    [3, 3, 100],
  ])('%i satisfied of %i answers is %s', (satisfied, responses, percent) => {
    expect(csatPercent(satisfied, responses)).toBe(percent);
  });
});

describe('Net Promoter Score', () => {
  it.each<[number, number, number, number | null]>([
    [0, 0, 0, null],
    [5, 2, 10, 30],
    [1, 2, 3, -33.33],
    [0, 2, 3, -66.67],
    [1, 0, 3, 33.33],
    [0, 1, 8, -12.5],
  ])('%i promoters and %i detractors of %i answers score %s', (promoters, detractors, responses, score) => {
    expect(netPromoterScore(promoters, detractors, responses)).toBe(score);
  });
});

describe('falling CSAT run', () => {
  it.each<[readonly number[], boolean]>([
    [[5, 4, 3], true],
    [[5, 4, 4], false],
    [[4, 4, 3], false],
    [[3, 4, 2], false],
    [[1, 2, 3], false],
    [[5, 4], false],
    [[], false],
    [[1, 5, 4, 3], true],
    [[5, 4, 3, 3], false],
  ])('%o is a falling run: %s', (scores, falling) => {
    expect(isFallingRun(scores)).toBe(falling);
  });
});
