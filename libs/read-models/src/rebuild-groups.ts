/**
 * Relative CPU per event of each projection in a rebuild (bench/rebuild profiles): segment counts
 * and segment history judge a member's segment on every event; analytics rewrites a customer's
 * document, growing with its active days, on every event. A projection not listed costs 1.
 */
const REBUILD_COST: Readonly<Record<string, number>> = {
  'segment-counts': 5,
  'segment-history': 5,
  segments: 2,
  'customer-summary': 2,
  analytics: 6,
};

export function rebuildCostOf(name: string): number {
  return REBUILD_COST[name] ?? 1;
}

/**
 * Splits projections into at most `count` groups of about equal rebuild cost, each rebuilt by a
 * process of its own (with its own connections): the heaviest first, each to the lightest group.
 * Within a group the catalog order is kept.
 */
export function rebuildGroups<P extends { readonly name: string }>(projections: readonly P[], count: number): P[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(count, projections.length)) }, () => ({ cost: 0, members: new Set<P>() }));
  const heaviestFirst = [...projections].sort((a, b) => rebuildCostOf(b.name) - rebuildCostOf(a.name));
  for (const projection of heaviestFirst) {
    const lightest = groups.reduce((best, group) => (group.cost < best.cost ? group : best));
    lightest.members.add(projection);
    lightest.cost += rebuildCostOf(projection.name);
  }
  return groups.map((group) => projections.filter((projection) => group.members.has(projection))).filter((group) => group.length > 0);
}
