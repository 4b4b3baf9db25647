import { clusterBehaviour, type ClusteringOptions, type ClusteringRun, type CustomerBehaviour } from '@rapport/analytics';
import { parentPort, workerData } from 'node:worker_threads';

/** What a clustering worker is handed. */
export interface ClusteringWorkerData {
  readonly behaviours: readonly CustomerBehaviour[];
  readonly options: ClusteringOptions;
}

/** The worker's one message: the run, or why it could not be made. */
export type ClusteringWorkerAnswer = { readonly run: ClusteringRun } | { readonly failure: string };

function answer(data: ClusteringWorkerData): ClusteringWorkerAnswer {
  try {
    return { run: clusterBehaviour(data.behaviours, data.options) };
  } catch (error: unknown) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort !== null) parentPort.postMessage(answer(workerData as ClusteringWorkerData));
