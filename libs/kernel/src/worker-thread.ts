import { dirname, extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const REGISTER = join(__dirname, '..', '..', '..', 'bench', 'support', 'register.js');

/**
 * Starts the worker module `name` that sits beside `callerFile` (pass `__filename`): `name.js` once
 * built. Under jest or the bench the caller is TypeScript source, and a worker thread does not
 * inherit the parent's require hook, so the worker first loads the bench's, which compiles .ts on
 * require and resolves @rapport/*.
 */
export function startWorker(callerFile: string, name: string, options: WorkerOptions = {}): Worker {
  const extension = extname(callerFile);
  const file = join(dirname(callerFile), `${name}${extension}`);
  if (extension !== '.ts') return new Worker(file, options);
  return new Worker(file, { ...options, execArgv: [...(options.execArgv ?? []), '--require', REGISTER] });
}
