import { clusteringOptionsFrom } from './clusters.commands';

describe('clusters run flags', () => {
  it('become clustering options', () => {
    expect(clusteringOptionsFrom({ kMin: '2', kMax: '8', seed: '42' })).toEqual({ minK: 2, maxK: 8, seed: 42 });
  });

  it.each([
    [{ kMin: '1', kMax: '8', seed: '1' }, '--k-min must be 2 to 20, got 1'],
    [{ kMin: '5', kMax: '4', seed: '1' }, '--k-max must be from --k-min (5) to 20, got 4'],
    [{ kMin: '2', kMax: '21', seed: '1' }, '--k-max must be from --k-min (2) to 20, got 21'],
    [{ kMin: '2', kMax: '8', seed: 'x' }, '--seed must be a whole number, got x'],
    [{ kMin: 'two', kMax: '8', seed: '1' }, '--k-min must be a whole number, got two'],
  ])('%j is refused: %s', (flags, message) => {
    expect(() => clusteringOptionsFrom(flags)).toThrow(message);
  });
});
