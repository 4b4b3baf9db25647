import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** What the WalCompactor hands its worker thread. */
export interface WalWorkerData {
  readonly file: string;
  /** How the worker's copies sync; unset keeps SQLite's default. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  readonly intervalMs: number;
  /** WAL size (frames) from which a copy ends with the WAL handed back to the writer for a restart. */
  readonly restartFromPages: number;
}

/** What the worker reports: the WAL is due for a restart, or the worker cannot go on. */
export type WalWorkerReport = { readonly restartDue: true } | { readonly failure: string };

function run(port: NonNullable<typeof parentPort>, settings: WalWorkerData): void {
  const db = new Database(settings.file, { timeout: settings.busyTimeoutMs, fileMustExist: true });
  if (settings.synchronous !== undefined) db.pragma(`synchronous = ${settings.synchronous}`);
  const databaseFile = openSync(settings.file, 'r');
  // PASSIVE never waits for the writer or readers: it copies what it can and leaves the rest.
  const passive = () => (db.pragma('wal_checkpoint(PASSIVE)') as readonly { log: number }[])[0]?.log ?? 0;
  const copy = () => {
    try {
      if (passive() < settings.restartFromPages) return;
      // SQLite syncs the database file only in the copy that reaches the WAL's end, the writer's:
      // left to it, that sync flushes every page the partial copies before wrote (10-30 ms on the
      // writer's thread at 32 MB of WAL). So this thread syncs them, copies again what came
      // meanwhile, syncs that too, and only then hands the last few frames to the writer.
      fsyncSync(databaseFile);
      passive();
      fsyncSync(databaseFile);
      port.postMessage({ restartDue: true } satisfies WalWorkerReport);
    } catch (error: unknown) {
      port.postMessage({ failure: String(error) } satisfies WalWorkerReport);
    }
  };
  const timer = setInterval(copy, settings.intervalMs);
  // The only message is the last: one more copy, then the connection closes.
  port.on('message', () => {
    clearInterval(timer);
    copy();
    db.close();
    closeSync(databaseFile);
    port.close();
  });
}

if (parentPort === null) throw new Error('wal-compactor.worker runs only as a worker thread of WalCompactor');
run(parentPort, workerData as WalWorkerData);
