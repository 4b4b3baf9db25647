import { SeededRandom } from '@rapport/kernel';

/**
 * Mean silhouette coefficient of a clustering (Rousseeuw 1987), from −1 to 1: for each point,
 * (b − a) / max(a, b) where a is its mean distance to its own cluster and b to the nearest other
 * cluster. A point alone in its cluster scores 0. Exact, O(n²): score a sample beyond thousands.
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

/**
 * The indices, ascending, of at most `size` of `count` points chosen by a seeded shuffle: the
 * silhouette of a large book is scored on this sample, and the same seed scores the same points.
 */
export function silhouetteSample(count: number, size: number, seed: number): number[] {
  if (count <= size) return Array.from({ length: count }, (_, i) => i);
  const random = new SeededRandom(seed);
  const indices = Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < size; i += 1) {
    const j = i + random.int(count - i);
    const chosen = indices[j] ?? j;
    indices[j] = indices[i] ?? i;
    indices[i] = chosen;
  }
  return indices.slice(0, size).sort((a, b) => a - b);
}
