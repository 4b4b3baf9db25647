/**
 * Seconds of CPU each projection adds to a rebuild of the 1,000,000-event bench store, above the
 * 10 s that reading the events costs any rebuild (each rebuilt alone in one process, bench/rebuild,
 * 2026-12-07). Segment counts and segment history judge a member's segment on every event;
 * analytics rewrites a customer's month on every event. A projection not listed costs 1.
 */
const REBUILD_COST: Readonly<Record<string, number>> = {
  analytics: 30,
  'segment-history': 24,
  'segment-counts': 20,
  segments: 11,
  satisfaction: 10,
  loyalty: 9,
  'customer-summary': 7,
  kpis: 4,
  'churn-risk': 4,
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
