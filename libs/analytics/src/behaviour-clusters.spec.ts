import { SeededRandom } from '@rapport/kernel';
import { clusterBehaviour, SILHOUETTE_SAMPLE, type CustomerBehaviour } from './behaviour-clusters';
import type { BehaviourFeatures } from './behaviour-features';

/** Three behaviours far apart: dormant and unhappy, everyday, wealthy and active. */
const GROUPS: Readonly<Record<string, BehaviourFeatures>> = {
  dormant: { recencyDays: 300, frequency: 1, monetary: 20, productCategories: 1, averageCsat: 2, complaints: 3 },
  everyday: { recencyDays: 5, frequency: 120, monetary: 600, productCategories: 2, averageCsat: 4, complaints: 0 },
  wealthy: { recencyDays: 10, frequency: 30, monetary: 90_000, productCategories: 5, averageCsat: 5, complaints: 0 },
};

function generated(perGroup: number, seed: number): { customers: CustomerBehaviour[]; groupOf: Map<string, string> } {
  const random = new SeededRandom(seed);
  const jitter = (value: number) => value * (0.9 + random.next() * 0.2);
  const customers: CustomerBehaviour[] = [];
  const groupOf = new Map<string, string>();
  for (const [group, centre] of Object.entries(GROUPS)) {
    for (let i = 0; i < perGroup; i += 1) {
      const customerId = `${String(random.int(1_000_000)).padStart(7, '0')}-${group}-${i}`;
      const features = Object.fromEntries(
        Object.entries(centre).map(([name, value]) => [name, jitter(value)]),
      ) as unknown as BehaviourFeatures;
      customers.push({ customerId, features });
      groupOf.set(customerId, group);
    }
  }
  return { customers, groupOf };
}

describe('behavioural clusters', () => {
  const { customers, groupOf } = generated(60, 11);
  const run = clusterBehaviour(customers, { minK: 2, maxK: 6, seed: 7 });

  it('chooses k = 3 by silhouette for three well-separated groups', () => {
    expect(run.k).toBe(3);
    const others = Object.entries(run.silhouetteByK).filter(([k]) => Number(k) !== 3);
    expect(others.every(([, s]) => s < run.silhouette)).toBe(true);
  });

  it('puts every customer of a group in one cluster, and each group in its own', () => {
    const clustersOfGroup = new Map<string, Set<number>>();
    for (const { customerId, cluster } of run.assignments) {
      const group = groupOf.get(customerId) ?? 'unknown';
      clustersOfGroup.set(group, (clustersOfGroup.get(group) ?? new Set()).add(cluster));
    }
    expect([...clustersOfGroup.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set([...clustersOfGroup.values()].map((s) => [...s][0])).size).toBe(3);
    expect(run.clusters.map((c) => c.size)).toEqual([60, 60, 60]);
  });

  it('gives centroids in the features’ own units', () => {
    const wealthy = run.clusters.find((c) => c.centroid.monetary > 50_000);
    expect(wealthy?.centroid.monetary).toBeGreaterThan(85_000);
    expect(wealthy?.centroid.monetary).toBeLessThan(95_000);
  });

  it('repeats exactly for the same seed, whatever the order of the customers', () => {
    const again = clusterBehaviour([...customers].reverse(), { minK: 2, maxK: 6, seed: 7 });
    expect(again).toEqual(run);
  });

  it('refuses a range that needs more customers than it has', () => {
    expect(() => clusterBehaviour(customers.slice(0, 2), { minK: 3, maxK: 4, seed: 1 })).toThrow(RangeError);
  });
});

describe('behavioural clusters on more customers than the silhouette sample', () => {
  const { customers } = generated(1_000, 13);
  const run = clusterBehaviour(customers, { minK: 2, maxK: 4, seed: 5 });

  it('still chooses k = 3, with every customer assigned', () => {
    expect(customers.length).toBeGreaterThan(SILHOUETTE_SAMPLE);
    expect(run.k).toBe(3);
    expect(run.clusters.map((c) => c.size)).toEqual([1_000, 1_000, 1_000]);
  });

  it('repeats exactly for the same seed', () => {
    expect(clusterBehaviour([...customers].reverse(), { minK: 2, maxK: 4, seed: 5 })).toEqual(run);
  });
});
