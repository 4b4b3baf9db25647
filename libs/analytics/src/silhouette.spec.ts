import { meanSilhouette, silhouetteSample } from './silhouette';

describe('mean silhouette', () => {
  it('is 1 − a/b for two tight pairs, computed by hand', () => {
    // Points 0 and 1 at distance 1; pairs 10 apart: a = 1, b = mean(10, 11) or mean(9, 10) per point.
    const points = [[0], [1], [10], [11]];
    const expected = (1 - 1 / 10.5 + (1 - 1 / 9.5) + (1 - 1 / 9.5) + (1 - 1 / 10.5)) / 4;
    expect(meanSilhouette(points, [0, 0, 1, 1], 2)).toBeCloseTo(expected, 12);
  });

  it('scores a point alone in its cluster 0', () => {
    expect(meanSilhouette([[0], [5], [6]], [0, 1, 1], 2)).toBeCloseTo((0 + (1 - 1 / 5) + (1 - 1 / 6)) / 3, 12);
  });
});

describe('silhouette sample', () => {
  it('takes every point when there are no more than the sample size', () => {
    expect(silhouetteSample(4, 10, 1)).toEqual([0, 1, 2, 3]);
  });

  it('draws the asked number of distinct points, ascending, the same for the same seed', () => {
    const sample = silhouetteSample(10_000, 2_000, 7);
    expect(sample).toHaveLength(2_000);
    expect(new Set(sample).size).toBe(2_000);
    expect(sample.every((index, i) => index >= 0 && index < 10_000 && (i === 0 || index > (sample[i - 1] ?? -1)))).toBe(true);
    expect(silhouetteSample(10_000, 2_000, 7)).toEqual(sample);
    expect(silhouetteSample(10_000, 2_000, 8)).not.toEqual(sample);
  });
});
