import { isSqliteUnavailable, openWalDatabase, sqliteCode, WalCompactor } from '@rapport/sqlite';
import type Database from 'better-sqlite3';
import { encodeCursor, valueAt } from '../../cursor';
import { ReadModelStoreUnavailable } from '../../read-model-store.errors';
import {
  isCollectionName,
  LEASES,
  type CollectionSpec,
  type CollectionWrites,
  type DocumentWrite,
  type Fence,
  type FindQuery,
  type Page,
  type ReadDocument,
  type ReadModelAdmin,
  type ReadModelStore,
  type Scalar,
  type WriteResult,
} from '../../read-model-store.port';
import { holdingId } from '../../runtime/lease';
import { fieldExpression, indexName, indexSql, pageSql, quoted, sqlValue, tableName, type SqlValue } from './embedded.sql';

type Row = [id: string, position: number, doc: string];
const BUSY_TIMEOUT_MS = 5000;
const LONGEST_LOCK_PAUSE_MS = 50;
// About one WAL copy per live projector commit under load; an idle one copies nothing.
const WAL_COPY_INTERVAL_MS = 50;

/**
 * The embedded read-model store (design.md §1): one SQLite file, a table per collection holding
 * each document as JSON beside its id and position. Indexes are SQLite expression indexes on
 * json_extract. Every `write` call is one transaction. Several processes (service and CLI) may
 * share the file: nothing is cached between calls but prepared statements and the names of the
 * tables known to exist, each created once; a table another process dropped is found missing by
 * looking at the schema when a statement on it fails, never by reading an error's text.
 */
export class EmbeddedReadModelStore implements ReadModelStore, ReadModelAdmin {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writeAll: Database.Transaction<(batch: readonly CollectionWrites[], fence: Fence | undefined) => WriteResult>;
  private readonly tables: Set<string>;
  private readonly walCompactor: WalCompactor | undefined;
  private readonly lockWait: { readonly off: Database.Statement; readonly on: Database.Statement };

  private constructor(
    private readonly db: Database.Database,
    filePath: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.lockWait = { off: db.prepare('PRAGMA busy_timeout = 0'), on: db.prepare(`PRAGMA busy_timeout = ${busyTimeoutMs}`) };
    this.writeAll = db.transaction((batch: readonly CollectionWrites[], fence: Fence | undefined) =>
      fence === undefined || this.isLeaseHeld(fence) ? this.applyAll(batch) : refusedWhole(batch),
    );
    this.tables = new Set(this.tablesInSchema());
    this.walCompactor = db.memory ? undefined : this.startWalCompactor(filePath);
  }

  /**
   * Opens (creating when missing) the store file. `:memory:` gives a private in-memory store.
   * `busyTimeoutMs`: how long a write waits for another connection's write lock (default 5 s).
   */
  static open(filePath: string, options: { readonly busyTimeoutMs?: number } = {}): EmbeddedReadModelStore {
    const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    try {
      // Read models are rebuilt from events, so a power cut may cost the last commits but never consistency.
      const db = openWalDatabase(filePath, { busyTimeoutMs, synchronous: 'NORMAL' });
      return new EmbeddedReadModelStore(db, filePath, busyTimeoutMs);
    } catch (error: unknown) {
      throw new ReadModelStoreUnavailable(`cannot open the embedded read-model store at ${filePath}`, { cause: error });
    }
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | null> {
    const rows = this.readRows(collection, `SELECT id, position, doc FROM ${quoted(tableName(collection))} WHERE id = ?`, [id]);
    return rows.length === 0 ? null : toDocument<D>(rows[0] as Row);
  }

  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<ReadonlyMap<string, D>> {
    if (ids.length === 0) return new Map();
    const sql = `SELECT id, position, doc FROM ${quoted(tableName(collection))} WHERE id IN (SELECT value FROM json_each(?))`;
    const rows = this.readRows(collection, sql, [JSON.stringify(ids)]);
    return new Map(rows.map((row) => [row[0], toDocument<D>(row)]));
  }

  async find<D extends ReadDocument>(collection: string, query: FindQuery): Promise<Page<D>> {
    const page = pageSql(query);
    const rows = this.readRows(collection, `SELECT id, position, doc FROM ${quoted(tableName(collection))}${page.sql}`, page.params);
    const documents = rows.slice(0, query.limit).map((row) => toDocument<D>(row));
    const last = documents.at(-1);
    const hasMore = rows.length > query.limit && last !== undefined;
    const sortField = query.sort?.field ?? '_id';
    return { documents, next: hasMore ? encodeCursor({ value: (valueAt(last, sortField) ?? null) as Scalar, id: last._id }) : null };
  }

  async write(batch: readonly CollectionWrites[], fence?: Fence): Promise<WriteResult> {
    return this.writing(() => {
      try {
        return this.writeAll.immediate(batch, fence);
      } catch (error: unknown) {
        // A table another process dropped: forgotten, then made anew by the one retry.
        if (
          !this.forgetDroppedTables(
            error,
            batch.map((writes) => writes.collection),
          )
        )
          throw error;
        return this.writeAll.immediate(batch, fence);
      }
    });
  }

  /** Creates what is missing; an index of the same name but another definition (an older one) is made anew. */
  async ensureCollection(spec: CollectionSpec): Promise<void> {
    const ensure = this.db.transaction(() => {
      this.createTable(spec.name);
      for (const index of spec.indexes) {
        const wanted = indexSql(spec.name, index);
        const existing = this.db
          .prepare<[string], string>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`)
          .pluck()
          .get(indexName(spec.name, index));
        if (existing === wanted) continue;
        if (existing !== undefined) this.db.exec(`DROP INDEX ${quoted(indexName(spec.name, index))}`);
        this.db.exec(wanted);
      }
    });
    await this.writing(() => ensure.immediate());
  }

  async dropCollection(name: string): Promise<void> {
    await this.writing(() => this.db.exec(`DROP TABLE IF EXISTS ${quoted(tableName(checked(name)))}`));
    this.tables.delete(tableName(name));
  }

  async replaceCollection(source: string, target: CollectionSpec): Promise<void> {
    const swap = this.db.transaction(() => {
      const sourceIndexes = this.db
        .prepare<[string], string>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .pluck()
        .all(tableName(checked(source)));
      for (const index of sourceIndexes) this.db.exec(`DROP INDEX ${quoted(index)}`);
      this.db.exec(`DROP TABLE IF EXISTS ${quoted(tableName(checked(target.name)))}`);
      this.db.exec(`ALTER TABLE ${quoted(tableName(source))} RENAME TO ${quoted(tableName(target.name))}`);
      for (const index of target.indexes) this.db.exec(indexSql(target.name, index));
    });
    await this.writing(() => swap.immediate());
    this.tables.delete(tableName(source));
    this.tables.add(tableName(target.name));
  }

  async listCollections(): Promise<readonly string[]> {
    return this.run(() => this.tablesInSchema()).map((name) => name.slice('rm_'.length));
  }

  async close(): Promise<void> {
    await this.walCompactor?.stop();
    if (this.db.open) this.db.close();
  }

  /**
   * WAL copies move to a worker thread (as the SQLite event store's do): SQLite's own checkpoint
   * would run inside the projector commit that crosses 1,000 WAL pages, tens of milliseconds on the
   * event loop that serves requests. If the worker fails, SQLite's automatic checkpoints come back.
   */
  private startWalCompactor(filePath: string): WalCompactor {
    return new WalCompactor({ db: this.db, file: filePath, busyTimeoutMs: BUSY_TIMEOUT_MS, intervalMs: WAL_COPY_INTERVAL_MS });
  }

  /** The read-model tables (`rm_<collection>`) the file holds now, by name. */
  private tablesInSchema(): string[] {
    return this.db
      .prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\' ORDER BY name`)
      .pluck()
      .all();
  }

  private hasTableInSchema(table: string): boolean {
    return this.statement(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) === 1;
  }

  /**
   * A rowid table with its id in a separate unique index, not WITHOUT ROWID: documents run from a few
   * hundred bytes to several KB, and a WITHOUT ROWID table keeps whole rows in its id B-tree, so an
   * insert at a random id moved kilobytes between pages. Measured on 200,000 documents of 1 KB:
   * 98 µs per insert WITHOUT ROWID, 17 µs here; rebuilding the three heaviest projections from
   * 1,000,000 events wrote their 545,000 documents in 11.5 s instead of 31 s. Tables made by older
   * releases keep their shape until rebuilt; both shapes take the same statements.
   */
  private createTable(collection: string): void {
    const table = tableName(checked(collection));
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${quoted(table)} (id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL)`);
    this.tables.add(table);
  }

  /** After a failed statement: forgets the tables of these collections that the schema no longer holds; true if any. */
  private forgetDroppedTables(error: unknown, collections: readonly string[]): boolean {
    if (sqliteCode(error) !== 'SQLITE_ERROR') return false;
    const dropped = collections.map(tableName).filter((table) => this.tables.has(table) && !this.hasTableInSchema(table));
    for (const table of dropped) this.tables.delete(table);
    return dropped.length > 0;
  }

  /** Read inside the write's transaction: no other process can take the lease between this check and the writes. */
  private isLeaseHeld(fence: Fence): boolean {
    const table = tableName(LEASES);
    if (!this.tables.has(table) && !this.hasTableInSchema(table)) return false;
    const sql = `SELECT count(*) FROM ${quoted(table)} WHERE id = ?`;
    const exists = (token: number) => this.statement(sql).pluck().get(holdingId(fence.lease, token)) === 1;
    return exists(fence.token) && !exists(fence.token + 1);
  }

  private applyAll(batch: readonly CollectionWrites[]): WriteResult {
    let applied = 0;
    const refused: string[] = [];
    for (const { collection, writes } of batch) {
      if (!this.tables.has(tableName(collection))) this.createTable(collection);
      for (const write of writes) {
        if (this.applyOne(collection, write)) applied += 1;
        else if (write.kind === 'put') refused.push(write.document._id);
      }
    }
    return { applied, refused };
  }

  private applyOne(collection: string, write: DocumentWrite): boolean {
    const table = quoted(tableName(collection));
    if (write.kind === 'delete') {
      this.statement(`DELETE FROM ${table} WHERE id = ?`).run(write.id);
      return true;
    }
    const { _id: id, position } = write.document;
    // The JSON keeps _id and position too: a copy without them would cost more than the bytes saved.
    const doc = JSON.stringify(write.document);
    const guard = write.guard;
    if (guard.kind === 'insert') {
      return (
        this.statement(`INSERT INTO ${table} (id, position, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(id, position, doc)
          .changes > 0
      );
    }
    if (guard.kind === 'newer') {
      const sql = `INSERT INTO ${table} (id, position, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, doc = excluded.doc WHERE excluded.position > ${table}.position`;
      return this.statement(sql).run(id, position, doc).changes > 0;
    }
    const sql = `UPDATE ${table} SET position = ?, doc = ? WHERE id = ? AND ${fieldExpression(guard.field)} IS ?`;
    return this.statement(sql).run(position, doc, id, sqlValue(guard.value)).changes > 0;
  }

  /** No rows from a collection that does not exist (as in MongoDB), found by the schema. */
  private readRows(collection: string, sql: string, params: readonly SqlValue[]): Row[] {
    const table = tableName(checked(collection));
    return this.run(() => {
      if (!this.tables.has(table)) {
        if (!this.hasTableInSchema(table)) return [];
        this.tables.add(table);
      }
      try {
        return this.statement(sql)
          .raw()
          .all(...params) as Row[];
      } catch (error: unknown) {
        if (this.forgetDroppedTables(error, [collection])) return [];
        throw error;
      }
    });
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs a write without ever letting SQLite's busy handler sleep this thread while another
   * connection holds the write lock: in the service the request loop and the projector thread
   * write to one file, and a request loop asleep in a lock wait stalls every request (and, when
   * SQLite gives up early, failed a projector batch). So the lock is only tried; a busy file is
   * tried again after a timer (1, 2, 4 ... 50 ms) until the busy timeout has passed.
   */
  private async writing<T>(operation: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pause = 1; ; pause = Math.min(2 * pause, LONGEST_LOCK_PAUSE_MS)) {
      const outcome = this.run(() => this.withoutLockWait(operation));
      if (outcome !== LOCK_TAKEN) return outcome;
      if (Date.now() + pause > deadline)
        throw new ReadModelStoreUnavailable(`the embedded read-model store stayed locked by another writer for ${this.busyTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private withoutLockWait<T>(operation: () => T): T | typeof LOCK_TAKEN {
    this.lockWait.off.run();
    try {
      return operation();
    } catch (error: unknown) {
      if (sqliteCode(error)?.startsWith('SQLITE_BUSY') && !this.db.inTransaction) return LOCK_TAKEN;
      throw error;
    } finally {
      this.lockWait.on.run();
    }
  }

  private run<T>(operation: () => T): T {
    if (!this.db.open) throw new ReadModelStoreUnavailable('the embedded read-model store is closed');
    try {
      return operation();
    } catch (error: unknown) {
      if (isSqliteUnavailable(error)) {
        throw new ReadModelStoreUnavailable(`embedded read-model store failed: ${String(error)}`, { cause: error });
      }
      throw error;
    }
  }
}

const LOCK_TAKEN: unique symbol = Symbol('the write lock is taken');

function refusedWhole(batch: readonly CollectionWrites[]): WriteResult {
  return { applied: 0, refused: batch.flatMap((c) => c.writes.flatMap((w) => (w.kind === 'put' ? [w.document._id] : []))) };
}

function checked(collection: string): string {
  if (!isCollectionName(collection)) throw new Error(`not a collection name: ${collection}`);
  return collection;
}

/** The columns are the truth for id and position; assigned onto the parsed JSON rather than copied. */
function toDocument<D extends ReadDocument>([id, position, doc]: Row): D {
  const document = JSON.parse(doc) as { _id: string; position: number };
  document._id = id;
  document.position = position;
  return document as D;
}
