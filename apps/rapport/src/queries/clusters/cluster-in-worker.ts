import type { ClusteringOptions, ClusteringRun, CustomerBehaviour } from '@rapport/analytics';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
// Types only: loading the worker's module here would run it.
import type { ClusteringWorkerAnswer, ClusteringWorkerData } from './clustering.worker';

// clustering.worker.js beside this file once built; under jest or the bench this file is
// TypeScript source, and a worker thread does not inherit the parent's require hook, so it loads
// the bench's (which compiles .ts on require and resolves @rapport/*) before its own file.
const IS_SOURCE = extname(__filename) === '.ts';
const WORKER_FILE = join(__dirname, `clustering.worker${extname(__filename)}`);
const REGISTER = join(__dirname, '..', '..', '..', '..', '..', 'bench', 'support', 'register.js');
const WORKER_EXEC_ARGV = IS_SOURCE ? ['--require', REGISTER] : undefined;

/**
 * Runs k-means and the silhouette in a worker thread: a run on ten thousand customers takes
 * seconds of CPU, which on the request loop would stall every other request meanwhile.
 */
export function clusterInWorker(behaviours: readonly CustomerBehaviour[], options: ClusteringOptions): Promise<ClusteringRun> {
  const workerData: ClusteringWorkerData = { behaviours, options };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData, ...(WORKER_EXEC_ARGV === undefined ? {} : { execArgv: WORKER_EXEC_ARGV }) });
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
