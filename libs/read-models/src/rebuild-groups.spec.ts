import { allProjections } from './projections/catalog';
import { rebuildCostOf, rebuildGroups } from './rebuild-groups';

const names = (groups: readonly (readonly { name: string }[])[]) => groups.map((group) => group.map((p) => p.name));

describe('splitting a rebuild between processes', () => {
  it('puts every projection in exactly one group, in catalog order within it', () => {
    const projections = allProjections();
    for (const count of [1, 2, 3, 7, 20]) {
      const groups = names(rebuildGroups(projections, count));
      expect(groups.flat().sort()).toEqual(projections.map((p) => p.name).sort());
      expect(groups.length).toBe(Math.min(count, projections.length));
      for (const group of groups) expect(group).toEqual(projections.map((p) => p.name).filter((name) => group.includes(name)));
    }
  });

  it('balances by cost: segment counts (20) and one of cost 1 against segments (11), customer summary (7) and three of cost 1, 21 to 21', () => {
    const projections = ['customer-summary', 'segments', 'a', 'b', 'c', 'd', 'segment-counts'].map((name) => ({ name }));
    const costs = rebuildGroups(projections, 2).map((group) => group.reduce((sum, p) => sum + rebuildCostOf(p.name), 0));
    expect(costs.sort((a, b) => a - b)).toEqual([21, 21]);
  });

  it('one group for one process, none for no projection', () => {
    expect(names(rebuildGroups(allProjections(), 1))).toEqual([allProjections().map((p) => p.name)]);
    expect(rebuildGroups([], 2)).toEqual([]);
  });
});
