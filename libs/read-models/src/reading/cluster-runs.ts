import type { BehaviourCluster, BehaviourFeatures, ClusteringOptions, ClusteringRun, CustomerBehaviour } from '@rapport/analytics';
import type { CollectionSpec, CollectionWrites } from '../read-model-store.port';

export const CLUSTER_RUNS = 'cluster_runs_v1';
export const CLUSTER_MEMBERS = 'cluster_members_v1';

/** One stored clustering run (issue #13): what was asked, what was found, and the data it saw. */
/** The run collections with the indexes their pages read by: runs newest first, a cluster's members. */
export const CLUSTER_COLLECTIONS: readonly CollectionSpec[] = [
  { name: CLUSTER_RUNS, indexes: [{ name: 'by_created', fields: [{ field: 'createdAt', direction: 'desc' }] }] },
  {
    name: CLUSTER_MEMBERS,
    indexes: [
      {
        name: 'by_run_cluster',
        // _id last: a cluster's members are paged in id order, which the index then gives from the cursor on.
        fields: [
          { field: 'runId', direction: 'asc' },
          { field: 'cluster', direction: 'asc' },
          { field: '_id', direction: 'asc' },
        ],
      },
    ],
  },
];

export interface ClusterRunDocument {
  readonly runId: string;
  readonly createdAt: string;
  readonly kMin: number;
  readonly kMax: number;
  readonly seed: number;
  readonly k: number;
  readonly silhouette: number;
  readonly silhouetteByK: readonly { readonly k: number; readonly silhouette: number }[];
  readonly features: readonly string[];
  readonly standardisation: { readonly means: readonly number[]; readonly deviations: readonly number[] };
  readonly clusters: readonly BehaviourCluster[];
  readonly customers: number;
}

export interface ClusterMemberDocument {
  readonly runId: string;
  readonly customerId: string;
  readonly cluster: number;
  readonly features: BehaviourFeatures;
}

const WRITES_PER_CALL = 1000;

/**
 * The writes that store a run: its members first and the run document last, so that a run that is
 * listed always has all its members (the MongoDB adapter does not write a call atomically). Every
 * document carries `position`: the highest analytics position among the customers clustered.
 */
export function clusterRunWrites(
  run: ClusteringRun,
  meta: { readonly runId: string; readonly createdAt: string; readonly options: ClusteringOptions; readonly position: number },
  behaviours: readonly CustomerBehaviour[],
): { readonly run: ClusterRunDocument; readonly writes: readonly CollectionWrites[] } {
  const featuresOf = new Map(behaviours.map((b) => [b.customerId, b.features]));
  const members = run.assignments.map(({ customerId, cluster }) => ({
    kind: 'put' as const,
    guard: { kind: 'insert' as const },
    document: {
      _id: `${meta.runId}/${customerId}`,
      position: meta.position,
      runId: meta.runId,
      customerId,
      cluster,
      features: featuresOf.get(customerId),
    },
  }));
  const batches: CollectionWrites[] = [];
  for (let i = 0; i < members.length; i += WRITES_PER_CALL)
    batches.push({ collection: CLUSTER_MEMBERS, writes: members.slice(i, i + WRITES_PER_CALL) });
  const document: ClusterRunDocument = {
    runId: meta.runId,
    createdAt: meta.createdAt,
    kMin: meta.options.minK,
    kMax: meta.options.maxK,
    seed: run.seed,
    k: run.k,
    silhouette: run.silhouette,
    silhouetteByK: Object.entries(run.silhouetteByK).map(([k, silhouette]) => ({ k: Number(k), silhouette })),
    features: run.features,
    standardisation: run.standardisation,
    clusters: run.clusters,
    customers: run.assignments.length,
  };
  batches.push({
    collection: CLUSTER_RUNS,
    writes: [{ kind: 'put', guard: { kind: 'insert' }, document: { _id: meta.runId, position: meta.position, ...document } }],
  });
  return { run: document, writes: batches };
}
