import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL back into the database file from a worker thread with a connection of its
 * own, so that the appending thread never stalls on a checkpoint. SQLite's automatic
 * checkpoint runs inside the commit that crosses 1,000 WAL pages: thousands of page writes and
 * (at FULL) two fsyncs on the event loop, the ~10 ms stalls behind the append path's p99
 * (bench/, issue 7). PASSIVE never waits for readers or writers; SQLite restarts the WAL from
 * its start at the next write once all of it has been copied, so the file stays bounded.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
if (workerData.synchronous) db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface CheckpointerOptions {
  readonly file: string;
  /** How the checkpoint syncs; unset keeps SQLite's default. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  readonly intervalMs: number;
  /** Called when the worker cannot go on, so the caller can checkpoint on its own again. */
  readonly onFailure: (reason: string) => void;
}

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private isStopping = false;

  constructor(options: CheckpointerOptions) {
    const { file, synchronous, busyTimeoutMs, intervalMs } = options;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, synchronous, busyTimeoutMs, intervalMs } });
    // Unreferenced: an idle checkpointer never keeps the process alive.
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (reason) => options.onFailure(String(reason)));
    this.worker.on('error', (error) => options.onFailure(String(error)));
    this.worker.on('exit', (code) => {
      if (!this.isStopping) options.onFailure(`checkpoint worker exited with ${code}`);
    });
  }

  /** One last checkpoint, then the worker's connection closes. */
  async stop(): Promise<void> {
    if (!this.isStopping) {
      this.isStopping = true;
      // Referenced again so that the process waits for the last checkpoint.
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    await this.exited;
  }
}
