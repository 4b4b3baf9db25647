/**
 * Mean silhouette coefficient of a clustering (Rousseeuw 1987), from −1 to 1: for each point,
 * (b − a) / max(a, b) where a is its mean distance to its own cluster and b to the nearest other
 * cluster. A point alone in its cluster scores 0. Exact, O(n²): fine for a sample of thousands.
 */
export function meanSilhouette(points: readonly (readonly number[])[], clusterOf: readonly number[], k: number): number {
  if (points.length === 0 || k < 2) return 0;
  let total = 0;
  for (let i = 0; i < points.length; i += 1) total += silhouetteOf(i, points, clusterOf, k);
  return total / points.length;
}

function silhouetteOf(i: number, points: readonly (readonly number[])[], clusterOf: readonly number[], k: number): number {
  const sums = new Array<number>(k).fill(0);
  const counts = new Array<number>(k).fill(0);
  const point = points[i] ?? [];
  for (let j = 0; j < points.length; j += 1) {
    if (j === i) continue;
    const cluster = clusterOf[j] ?? 0;
    sums[cluster] = (sums[cluster] ?? 0) + distance(point, points[j] ?? []);
    counts[cluster] = (counts[cluster] ?? 0) + 1;
  }
  const own = clusterOf[i] ?? 0;
  if ((counts[own] ?? 0) === 0) return 0;
  const a = (sums[own] ?? 0) / (counts[own] ?? 1);
  let b = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c += 1) {
    if (c !== own && (counts[c] ?? 0) > 0) b = Math.min(b, (sums[c] ?? 0) / (counts[c] ?? 1));
  }
  if (!Number.isFinite(b)) return 0;
  const larger = Math.max(a, b);
  return larger === 0 ? 0 : (b - a) / larger;
}

export function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.sqrt(sum);
}
