import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL back into the database file from a worker thread with a connection of its
 * own, so that the writing thread does not stall on checkpoints. SQLite's automatic checkpoint
 * runs inside the commit that crosses 1,000 WAL pages: thousands of page writes and (at FULL)
 * two fsyncs on the event loop, the ~10 ms stalls behind the append path's p99 (bench/, issue 7).
 *
 * A PASSIVE checkpoint never waits for readers or writers, but while writes keep coming it never
 * copies the last frames either, and SQLite restarts the WAL from its start only once all of it
 * is copied: under sustained writes the WAL grew without bound (730 MB in 15 s in the store
 * bench) and every commit extended the file, making each fsync dearer. So once the worker reports
 * a WAL of `restartAfterPages` or more, the writer's own connection finishes the checkpoint
 * between two writes: only the frames since the worker's last pass are left to copy, and the
 * next write starts the WAL again from its start.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs, fileMustExist: true });
if (workerData.synchronous) db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = () => {
  try {
    let [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // A WAL due for a restart: a second pass copies what came during the first, so little is left for the writer.
    if (result.log >= workerData.restartAfterPages) [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ walPages: result.log });
  } catch (error) {
    parentPort.postMessage({ failure: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/** SQLite's default automatic checkpoint, restored when the worker fails. */
const AUTO_CHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  /** The writer's connection: its automatic checkpoints are turned off while the worker runs. */
  readonly db: Database.Database;
  readonly file: string;
  /** How the worker's checkpoints sync; unset keeps SQLite's default. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  readonly intervalMs: number;
  /** WAL size (pages) at which the writer finishes a checkpoint itself, so the WAL restarts. */
  readonly restartAfterPages?: number;
  /** Told when the worker cannot go on; SQLite's automatic checkpoints are back by then. */
  readonly onFailure?: (reason: string) => void;
}

interface WorkerReport {
  readonly walPages?: number;
  readonly failure?: string;
}

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly restartAfterPages: number;
  private isStopping = false;
  private isFinishing = false;

  constructor(private readonly options: CheckpointerOptions) {
    const { db, file, synchronous, busyTimeoutMs, intervalMs } = options;
    this.restartAfterPages = options.restartAfterPages ?? 8_192;
    db.pragma('wal_autocheckpoint = 0');
    // When the WAL restarts, a file grown larger in a burst is cut back to about this size.
    db.pragma(`journal_size_limit = ${this.restartAfterPages * Number(db.pragma('page_size', { simple: true }))}`);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, synchronous, busyTimeoutMs, intervalMs, restartAfterPages: this.restartAfterPages } });
    // Unreferenced: an idle checkpointer never keeps the process alive.
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (report: WorkerReport) => this.onReport(report));
    this.worker.on('error', (error) => this.fail(String(error)));
    this.worker.on('exit', (code) => {
      if (!this.isStopping) this.fail(`checkpoint worker exited with ${code}`);
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

  private onReport(report: WorkerReport): void {
    if (report.failure !== undefined) return this.fail(report.failure);
    if ((report.walPages ?? 0) < this.restartAfterPages || this.isFinishing) return;
    this.isFinishing = true;
    setImmediate(() => {
      this.isFinishing = false;
      const { db } = this.options;
      if (!db.open || db.inTransaction) return;
      try {
        // Between two writes of this thread: nothing else writes here, so the checkpoint completes.
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch (error: unknown) {
        this.fail(String(error));
      }
    });
  }

  private fail(reason: string): void {
    const { db } = this.options;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    this.options.onFailure?.(reason);
  }
}
