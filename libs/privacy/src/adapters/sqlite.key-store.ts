import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { KeyDestroyed, type DataKey, type KeyLookup, type KeyStore } from '../key-store.port';
import { unwrapKey, wrapKey } from '../sealing';

interface KeyRow {
  key_id: string;
  wrapped_key: Buffer | null;
  destroyed_at: string | null;
}

/**
 * Data keys in their own SQLite file, each wrapped with the master key. WAL with FULL sync: a key
 * is on disk (one fsync) before any event sealed with it is appended. `secure_delete` zeroes a
 * destroyed key's bytes, and a truncating checkpoint right after clears the copy in the WAL,
 * so erasure leaves nothing to recover.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, DataKey>();

  constructor(filePath: string, private readonly masterKey: Buffer) {
    this.db = new Database(filePath, { timeout: 5_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
      customer_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, wrapped_key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)`);
  }

  async keyFor(customerId: string): Promise<DataKey> {
    const cached = this.cache.get(customerId);
    if (cached) return cached;
    const row = this.row(customerId) ?? this.create(customerId);
    if (row.destroyed_at !== null || row.wrapped_key === null) throw new KeyDestroyed(customerId);
    const dataKey = { keyId: row.key_id, key: unwrapKey(row.wrapped_key, this.masterKey) };
    this.cache.set(customerId, dataKey);
    return dataKey;
  }

  async lookup(customerId: string): Promise<KeyLookup> {
    const row = this.row(customerId);
    if (!row) return { status: 'absent' };
    if (row.destroyed_at !== null) return { status: 'destroyed', keyId: row.key_id, destroyedAt: row.destroyed_at };
    return { status: 'live', dataKey: await this.keyFor(customerId) };
  }

  async destroy(customerId: string, at: Date): Promise<void> {
    this.cache.delete(customerId);
    this.db
      .prepare('UPDATE data_keys SET wrapped_key = NULL, destroyed_at = ? WHERE customer_id = ? AND destroyed_at IS NULL')
      .run(at.toISOString(), customerId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private row(customerId: string): KeyRow | undefined {
    return this.db
      .prepare('SELECT key_id, wrapped_key, destroyed_at FROM data_keys WHERE customer_id = ?')
      .get(customerId) as KeyRow | undefined;
  }

  private create(customerId: string): KeyRow {
    const row: KeyRow = { key_id: randomUUID(), wrapped_key: wrapKey(randomBytes(32), this.masterKey), destroyed_at: null };
    this.db
      .prepare('INSERT OR IGNORE INTO data_keys (customer_id, key_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)')
      .run(customerId, row.key_id, row.wrapped_key, new Date().toISOString());
    return this.row(customerId) ?? row;
  }
}
