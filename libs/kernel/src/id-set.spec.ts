import { IdSet } from './id-set';

describe('IdSet', () => {
  it('adds ids without changing earlier versions', () => {
    const empty = IdSet.empty();
    const one = empty.with('a');
    const two = one.with('b');
    expect([empty.has('a'), one.has('a'), one.has('b'), two.has('b')]).toEqual([false, true, false, true]);
    expect(two.toJSON()).toEqual(['a', 'b']);
  });

  it('branching from an older version copies, so neither branch sees the other', () => {
    const base = IdSet.empty().with('a');
    const left = base.with('left');
    const right = base.with('right');
    expect([left.has('left'), left.has('right'), right.has('right'), right.has('left')]).toEqual([true, false, true, false]);
    expect(right.toJSON()).toEqual(['a', 'right']);
  });

  it('adding an id it already has returns the same set', () => {
    const set = IdSet.empty().with('a');
    expect(set.with('a')).toBe(set);
    expect(set.size).toBe(1);
  });
});
