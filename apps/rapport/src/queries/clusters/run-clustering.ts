import { randomBytes } from 'node:crypto';
import type { ClusteringOptions } from '@rapport/analytics';
import {
  behaviourOf,
  CLUSTER_COLLECTIONS,
  clusterRunWrites,
  type ReadModelAdmin,
  type ClusterRunDocument,
  type CustomerAnalytics,
  type ReadModelStore,
  type Stamped,
} from '@rapport/read-models';
import { clusterInWorker } from './cluster-in-worker';

export type ClusteringOutcome =
  | { readonly kind: 'stored'; readonly run: ClusterRunDocument }
  | { readonly kind: 'too-few-customers'; readonly customers: number; readonly minK: number };

/**
 * Clusters the book's customers on their behaviour as of `now` and stores the run (issue #13).
 * Shared by the analyst endpoint and the CLI; the clustering itself runs off the event loop. `currency` is the book currency monetary value is read in.
 */
export async function runClustering(
  store: ReadModelStore,
  admin: ReadModelAdmin,
  customers: readonly Stamped<CustomerAnalytics>[],
  request: { readonly options: ClusteringOptions; readonly now: Date; readonly currency: string },
): Promise<ClusteringOutcome> {
  const { options, now } = request;
  if (customers.length <= Math.max(2, options.minK)) return { kind: 'too-few-customers', customers: customers.length, minK: options.minK };
  const behaviours = behaviourOf(customers, now, request.currency);
  const run = await clusterInWorker(behaviours, options);
  const createdAt = now.toISOString();
  const runId = `run-${createdAt.replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
  const position = customers.reduce((highest, c) => Math.max(highest, c.position), 0);
  const stored = clusterRunWrites(run, { runId, createdAt, options, position }, behaviours);
  for (const collection of CLUSTER_COLLECTIONS) await admin.ensureCollection(collection);
  for (const batch of stored.writes) await store.write([batch]);
  return { kind: 'stored', run: stored.run };
}
