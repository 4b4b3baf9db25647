import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '@rapport/kernel';
// Types only: loading the worker's module here would run it.
import type { WalWorkerData, WalWorkerReport } from './wal-compactor.worker';

/** SQLite's default automatic checkpoint, restored when the worker fails. */
const AUTO_CHECKPOINT_PAGES = 1000;
const DEFAULT_MAX_WAL_PAGES = 8_192;

export interface WalCompactorOptions {
  /** The writer's connection: its automatic checkpoints wait for `maxWalPages` while the worker runs. */
  readonly db: Database.Database;
  readonly file: string;
  /** How the worker's copies sync; unset keeps SQLite's default. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  /** How often the worker copies the WAL into the database file. */
  readonly intervalMs: number;
  /** WAL size (pages) from which the writer's commit copies the rest itself, so that the WAL restarts. Default 8,192. */
  readonly maxWalPages?: number;
  /** Told when the worker cannot go on; SQLite's automatic checkpoints are back by then. */
  readonly onFailure?: (reason: string) => void;
}

/**
 * Keeps a WAL-mode file's write-ahead log small without stalling the writer. SQLite's automatic
 * checkpoint runs inside the commit that crosses 1,000 WAL pages: thousands of page writes and (at
 * FULL) two fsyncs on the event loop, the ~10 ms stalls behind the append path's p99 (bench/,
 * issue 7). So a worker thread with a connection of its own copies the WAL into the database file
 * (a PASSIVE checkpoint) every `intervalMs`.
 *
 * That alone does not bound the WAL: while writes keep coming a PASSIVE copy never reaches the last
 * frames, SQLite restarts the WAL from its start only once all of it is copied, and a worker starved
 * of CPU copies nothing (the WAL grew to 730 MB in 15 s in the store bench, and to 455 MB in a
 * test on a busy 2-core machine). Only the writer's connection can finish a copy: between two of
 * its own writes nothing else writes, so the copy completes (unless a reader in another process
 * holds old frames) and the next commit restarts the WAL, cut back to `maxWalPages` by
 * `journal_size_limit`. It does so at two moments:
 *  - when the worker, having found the WAL half full, has copied and synced all but the frames of
 *    the last few milliseconds and says so: the writer's copy is then cheap (~3 ms instead of
 *    10-30 ms at the append bench's rate, which fills 32 MB of WAL in a quarter of a second);
 *  - after any commit that leaves `maxWalPages` frames or more in the WAL, whatever the worker
 *    did: SQLite's own automatic checkpoint, set to that many pages, counts the frames as it
 *    commits. The WAL then never exceeds `maxWalPages` by more than one commit.
 */
export class WalCompactor {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private phase: 'running' | 'stopping' | 'failed' = 'running';

  constructor(private readonly options: WalCompactorOptions) {
    const { db, file, synchronous, busyTimeoutMs, intervalMs } = options;
    const maxWalPages = options.maxWalPages ?? DEFAULT_MAX_WAL_PAGES;
    const maxWalBytes = maxWalPages * Number(db.pragma('page_size', { simple: true }));
    db.pragma(`wal_autocheckpoint = ${maxWalPages}`);
    db.pragma(`journal_size_limit = ${maxWalBytes}`);
    const workerData: WalWorkerData = { file, synchronous, busyTimeoutMs, intervalMs, restartFromPages: Math.ceil(maxWalPages / 2) };
    this.worker = startWorker(__filename, 'wal-compactor.worker', { workerData });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (report: WalWorkerReport) => {
      if ('failure' in report) this.fail(report.failure);
      // In a turn of its own: never inside one of the writer's transactions.
      else setImmediate(() => this.finishCopy());
    });
    this.worker.on('error', (error) => this.fail(String(error)));
    this.worker.on('exit', (code) => {
      if (this.phase === 'running') this.fail(`WAL worker exited with ${code}`);
    });
    // Unreferenced, so that a compactor never keeps the process alive; after the 'message'
    // listener, whose adding would reference the worker again.
    this.worker.unref();
  }

  /** One last copy, then the worker's connection closes. */
  async stop(): Promise<void> {
    if (this.phase !== 'stopping') {
      this.phase = 'stopping';
      // Referenced again so that the process waits for the last copy.
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    await this.exited;
  }

  /** Between two writes of this connection nothing else writes here, so the copy completes and the next commit restarts the WAL. */
  private finishCopy(): void {
    const { db } = this.options;
    if (this.phase === 'failed' || !db.open || db.inTransaction) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error: unknown) {
      this.fail(String(error));
    }
  }

  private fail(reason: string): void {
    if (this.phase === 'running') this.phase = 'failed';
    const { db } = this.options;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    this.options.onFailure?.(reason);
  }
}
