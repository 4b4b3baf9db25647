/**
 * The behaviour a customer is clustered on (issue #13): recency, frequency and monetary value,
 * product mix, satisfaction and complaints. Features are standardised (z-scores) before
 * clustering so that no feature dominates by its unit alone (yuan against counts).
 */
export interface BehaviourFeatures {
  /** Days since the last transaction (the whole observed span when there was none). */
  readonly recencyDays: number;
  /** Transactions in the trailing 12 months. */
  readonly frequency: number;
  /** Revenue to the institution in the trailing 12 months, in major units. */
  readonly monetary: number;
  /** Distinct product categories used. */
  readonly productCategories: number;
  /** Average CSAT (1–5); the book's average where the customer never answered. */
  readonly averageCsat: number;
  readonly complaints: number;
}

export const FEATURE_NAMES: readonly (keyof BehaviourFeatures)[] = [
  'recencyDays',
  'frequency',
  'monetary',
  'productCategories',
  'averageCsat',
  'complaints',
];

export interface Standardisation {
  readonly means: readonly number[];
  /** Population standard deviations; a feature that never varies gets 1, so it standardises to 0. */
  readonly deviations: readonly number[];
}

export function featureVector(features: BehaviourFeatures): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}

export function standardisationOf(vectors: readonly (readonly number[])[]): Standardisation {
  const width = FEATURE_NAMES.length;
  const means = Array.from({ length: width }, (_, i) => mean(vectors.map((v) => v[i] ?? 0)));
  const deviations = means.map((m, i) => {
    const variance = mean(vectors.map((v) => ((v[i] ?? 0) - m) ** 2));
    return variance > 0 ? Math.sqrt(variance) : 1;
  });
  return { means, deviations };
}

export function standardised(vector: readonly number[], by: Standardisation): number[] {
  return vector.map((value, i) => (value - (by.means[i] ?? 0)) / (by.deviations[i] ?? 1));
}

/** A centroid back in the features' own units, for people to read. */
export function inFeatureUnits(vector: readonly number[], by: Standardisation): BehaviourFeatures {
  const values = vector.map((value, i) => value * (by.deviations[i] ?? 1) + (by.means[i] ?? 0));
  return Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, values[i] ?? 0])) as unknown as BehaviourFeatures;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
