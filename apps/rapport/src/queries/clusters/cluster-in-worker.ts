import type { ClusteringOptions, ClusteringRun, CustomerBehaviour } from '@rapport/analytics';
import { startWorker } from '@rapport/kernel';
// Types only: loading the worker's module here would run it.
import type { ClusteringWorkerAnswer, ClusteringWorkerData } from './clustering.worker';

/**
 * Runs k-means and the silhouette in a worker thread: a run on ten thousand customers takes
 * seconds of CPU, which on the request loop would stall every other request meanwhile.
 */
export function clusterInWorker(behaviours: readonly CustomerBehaviour[], options: ClusteringOptions): Promise<ClusteringRun> {
  const workerData: ClusteringWorkerData = { behaviours, options };
  return new Promise((resolve, reject) => {
    const worker = startWorker(__filename, 'clustering.worker', { workerData });
    let answered = false;
    worker.once('message', (answer: ClusteringWorkerAnswer) => {
      answered = true;
      if ('run' in answer) resolve(answer.run);
      else reject(new RangeError(answer.failure));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`clustering worker exited with ${code} before answering`));
    });
  });
}
