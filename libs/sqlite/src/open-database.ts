import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenDatabaseOptions {
  /** How long a statement waits for another connection's lock before SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
  readonly synchronous: 'FULL' | 'NORMAL';
}

/**
 * Opens (creating it and its directory when missing) a SQLite file in WAL mode, so that readers in
 * other processes never block the writer. `:memory:` gives a private in-memory database, which has
 * no WAL. Throws, with the connection closed, when the file refuses WAL.
 */
export function openWalDatabase(filePath: string, options: OpenDatabaseOptions): Database.Database {
  if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath, { timeout: options.busyTimeoutMs });
  try {
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal' && !db.memory) throw new Error(`SQLite kept journal_mode ${String(journalMode)}, not wal`);
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    return db;
  } catch (error: unknown) {
    db.close();
    throw error;
  }
}
