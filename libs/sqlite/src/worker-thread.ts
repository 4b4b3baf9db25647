import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

// A worker file sits beside its caller: `.js` once built; under jest or the bench the sources are
// TypeScript, and a worker thread does not inherit the parent's require hook, so it loads the
// bench's (which compiles .ts on require) before its own file.
const EXTENSION = extname(__filename);
const EXEC_ARGV = EXTENSION === '.ts' ? ['--require', join(__dirname, '..', '..', '..', 'bench', 'support', 'register.js')] : undefined;

/** Starts `<directory>/<name>.worker.ts` (sources) or `.js` (built) as a worker thread given `workerData`. */
export function startWorkerThread(directory: string, name: string, workerData: unknown): Worker {
  const file = join(directory, `${name}.worker${EXTENSION}`);
  return new Worker(file, { workerData, ...(EXEC_ARGV === undefined ? {} : { execArgv: EXEC_ARGV }) });
}
