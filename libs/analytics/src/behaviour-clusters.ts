import { kmeans } from 'ml-kmeans';
import {
  FEATURE_NAMES,
  featureVector,
  inFeatureUnits,
  standardisationOf,
  standardised,
  type BehaviourFeatures,
  type Standardisation,
} from './behaviour-features';
import { meanSilhouette, silhouetteSample } from './silhouette';

export interface CustomerBehaviour {
  readonly customerId: string;
  readonly features: BehaviourFeatures;
}

export interface ClusteringOptions {
  /** k is chosen by the best mean silhouette within this range, both ends included. */
  readonly minK: number;
  readonly maxK: number;
  /** The same seed on the same customers gives the same run. */
  readonly seed: number;
}

export interface BehaviourCluster {
  readonly cluster: number;
  readonly size: number;
  /** The centroid in the features' own units (days, counts, yuan, CSAT). */
  readonly centroid: BehaviourFeatures;
}

export interface ClusteringRun {
  readonly features: readonly (keyof BehaviourFeatures)[];
  readonly k: number;
  readonly seed: number;
  /** Mean silhouette of the chosen k, on at most SILHOUETTE_SAMPLE customers drawn from the seed. */
  readonly silhouette: number;
  /** Silhouette of every k tried, to show why k was chosen. */
  readonly silhouetteByK: Readonly<Record<number, number>>;
  readonly standardisation: Standardisation;
  readonly clusters: readonly BehaviourCluster[];
  /** The cluster of each customer, in the order given. */
  readonly assignments: readonly { readonly customerId: string; readonly cluster: number }[];
}

const MAX_ITERATIONS = 300;
/** The exact silhouette is O(n²): 10,000 customers took minutes, 2,000 take well under a second per k. */
export const SILHOUETTE_SAMPLE = 2_000;

/**
 * Clusters customers on standardised behaviour with k-means (ml-kmeans, k-means++ seeding), for
 * each k in the range, and keeps the k with the best mean silhouette. Customers are taken in
 * customer-id order, so the caller's order does not change the result. Every k is scored on the
 * same seeded sample of customers, so the choice of k repeats for the same seed.
 */
export function clusterBehaviour(customers: readonly CustomerBehaviour[], options: ClusteringOptions): ClusteringRun {
  const ordered = [...customers].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const raw = ordered.map((c) => featureVector(c.features));
  const standardisation = standardisationOf(raw);
  const points = raw.map((v) => standardised(v, standardisation));
  const largestK = Math.min(options.maxK, points.length - 1);
  if (largestK < Math.max(2, options.minK))
    throw new RangeError(`clustering needs more customers than k (${points.length} for k ≥ ${options.minK})`);

  const sample = silhouetteSample(points.length, SILHOUETTE_SAMPLE, options.seed);
  const sampledPoints = sample.map((i) => points[i] ?? []);

  let best: { k: number; silhouette: number; clusterOf: number[]; centroids: number[][] } | null = null;
  const silhouetteByK: Record<number, number> = {};
  for (let k = Math.max(2, options.minK); k <= largestK; k += 1) {
    const result = kmeans(points, k, { seed: options.seed, initialization: 'kmeans++', maxIterations: MAX_ITERATIONS });
    const sampledClusters = sample.map((i) => result.clusters[i] ?? 0);
    const silhouette = meanSilhouette(sampledPoints, sampledClusters, k);
    silhouetteByK[k] = silhouette;
    if (best === null || silhouette > best.silhouette) best = { k, silhouette, clusterOf: result.clusters, centroids: result.centroids };
  }
  if (best === null) throw new RangeError('no k to try');
  const chosen = best;
  return {
    features: FEATURE_NAMES,
    k: chosen.k,
    seed: options.seed,
    silhouette: chosen.silhouette,
    silhouetteByK,
    standardisation,
    clusters: chosen.centroids.map((centroid, cluster) => ({
      cluster,
      size: chosen.clusterOf.filter((c) => c === cluster).length,
      centroid: inFeatureUnits(centroid, standardisation),
    })),
    assignments: ordered.map((c, i) => ({ customerId: c.customerId, cluster: chosen.clusterOf[i] ?? 0 })),
  };
}
