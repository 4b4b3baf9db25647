import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** What the WalCompactor hands its worker thread. */
export interface WalWorkerData {
  readonly file: string;
  /** How the worker's copies sync; unset keeps SQLite's default. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  readonly intervalMs: number;
}

/** The worker's only report: it cannot go on. */
export interface WalWorkerFailure {
  readonly failure: string;
}

function run(port: NonNullable<typeof parentPort>, settings: WalWorkerData): void {
  const db = new Database(settings.file, { timeout: settings.busyTimeoutMs, fileMustExist: true });
  if (settings.synchronous !== undefined) db.pragma(`synchronous = ${settings.synchronous}`);
  const copy = () => {
    try {
      // PASSIVE never waits for the writer or readers: it copies what it can and leaves the rest.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error: unknown) {
      port.postMessage({ failure: String(error) } satisfies WalWorkerFailure);
    }
  };
  const timer = setInterval(copy, settings.intervalMs);
  // The only message is the last: one more copy, then the connection closes.
  port.on('message', () => {
    clearInterval(timer);
    copy();
    db.close();
    port.close();
  });
}

if (parentPort === null) throw new Error('wal-compactor.worker runs only as a worker thread of WalCompactor');
run(parentPort, workerData as WalWorkerData);
