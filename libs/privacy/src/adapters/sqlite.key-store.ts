import { openWalDatabase } from '@rapport/sqlite';
import type Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { KeyDestroyed, type DataKey, type KeyLookup, type KeyStore } from '../key-store.port';
import { unwrapKey, wrapKey } from '../sealing';

interface KeyRow {
  key_id: string;
  wrapped_key: Buffer | null;
  destroyed_at: string | null;
}

interface PendingKey {
  readonly promise: Promise<DataKey>;
  readonly settle: (outcome: { key: DataKey } | { error: unknown }) => void;
}

/**
 * Data keys in their own SQLite file, each wrapped with the master key. WAL with FULL sync: a key
 * is on disk before any event sealed with it is appended. New keys asked for in the same turn of
 * the event loop share one transaction, so one fsync. `secure_delete` zeroes a destroyed key's
 * bytes, and a truncating checkpoint right after clears the copy in the WAL, so erasure leaves
 * nothing to recover.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly cache = new Map<string, DataKey>();
  private creating = new Map<string, PendingKey>();

  constructor(
    filePath: string,
    private readonly masterKey: Buffer,
  ) {
    this.db = openWalDatabase(filePath, { busyTimeoutMs: 5_000, synchronous: 'FULL' });
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
      customer_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, wrapped_key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)`);
    this.statements = prepareStatements(this.db);
  }

  async keyFor(customerId: string): Promise<DataKey> {
    const cached = this.cache.get(customerId);
    if (cached) return cached;
    const row = this.row(customerId);
    return row ? this.remember(customerId, row) : this.createSoon(customerId);
  }

  async lookup(customerId: string): Promise<KeyLookup> {
    const row = this.row(customerId);
    if (!row) return { status: 'absent' };
    if (row.destroyed_at !== null) return { status: 'destroyed', keyId: row.key_id, destroyedAt: row.destroyed_at };
    return { status: 'live', dataKey: await this.keyFor(customerId) };
  }

  async destroy(customerId: string, at: Date): Promise<void> {
    if (this.creating.has(customerId)) this.createQueued();
    this.cache.delete(customerId);
    this.statements.destroy.run(at.toISOString(), customerId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private row(customerId: string): KeyRow | undefined {
    return this.statements.select.get(customerId);
  }

  private remember(customerId: string, row: KeyRow): DataKey {
    if (row.destroyed_at !== null || row.wrapped_key === null) throw new KeyDestroyed(customerId);
    const dataKey = { keyId: row.key_id, key: unwrapKey(row.wrapped_key, this.masterKey) };
    this.cache.set(customerId, dataKey);
    return dataKey;
  }

  private createSoon(customerId: string): Promise<DataKey> {
    const queued = this.creating.get(customerId);
    if (queued) return queued.promise;
    if (this.creating.size === 0) setImmediate(() => this.createQueued());
    let settle: PendingKey['settle'] = () => undefined;
    const promise = new Promise<DataKey>((resolve, reject) => {
      settle = (outcome) => ('key' in outcome ? resolve(outcome.key) : reject(outcome.error));
    });
    this.creating.set(customerId, { promise, settle });
    return promise;
  }

  /** INSERT OR IGNORE: another process may have made the key first; everyone then uses the stored one. */
  private createQueued(): void {
    const batch = this.creating;
    if (batch.size === 0) return;
    this.creating = new Map();
    const createdAt = new Date().toISOString();
    const { insert } = this.statements;
    try {
      this.db.transaction(() => {
        for (const customerId of batch.keys()) insert.run(customerId, randomUUID(), wrapKey(randomBytes(32), this.masterKey), createdAt);
      })();
    } catch (error: unknown) {
      for (const pending of batch.values()) pending.settle({ error });
      return;
    }
    for (const [customerId, pending] of batch) {
      try {
        const row = this.row(customerId);
        if (!row) throw new Error(`data key for ${customerId} missing right after it was written`);
        pending.settle({ key: this.remember(customerId, row) });
      } catch (error: unknown) {
        pending.settle({ error });
      }
    }
  }
}

function prepareStatements(db: Database.Database) {
  return {
    select: db.prepare<[string], KeyRow>('SELECT key_id, wrapped_key, destroyed_at FROM data_keys WHERE customer_id = ?'),
    insert: db.prepare<[string, string, Buffer, string]>(
      'INSERT OR IGNORE INTO data_keys (customer_id, key_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)',
    ),
    destroy: db.prepare<[string, string]>(
      'UPDATE data_keys SET wrapped_key = NULL, destroyed_at = ? WHERE customer_id = ? AND destroyed_at IS NULL',
    ),
  };
}
