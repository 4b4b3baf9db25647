import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventStoreUnavailable, StreamRevisionConflict } from '../../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../../event-store.port';
import { AppendSignal, CatchUpSubscription } from '../shared/catch-up.subscription';
import { assertExpectedRevision } from '../shared/expected-revision';
import { migrate, SQL } from './sqlite.schema';

export interface SqliteEventStoreOptions {
  /**
   * FULL (default) fsyncs the WAL on every commit: an acknowledged append survives a power
   * loss. NORMAL fsyncs only at checkpoints: still safe against a process crash and never
   * corrupt, but a power loss or OS crash can lose the last acknowledged appends, in return
   * for several times more single-event appends per second.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long to wait for another connection's write lock before EventStoreUnavailable. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How often an idle subscription re-reads, to see appends from other processes. Default 100. */
  readonly pollIntervalMs?: number;
  /** Events a subscription reads per query. Default 1000. */
  readonly pageSize?: number;
}

type Settings = Required<SqliteEventStoreOptions>;
type EventTuple = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];
type EventRow = readonly [id: string, type: string, data: string, metadata: string];
type AppendRows = (streamId: string, rows: readonly EventRow[], expected: ExpectedRevision) => AppendResult;

const DEFAULTS: Settings = { synchronous: 'FULL', busyTimeoutMs: 5000, pollIntervalMs: 100, pageSize: 1000 };
// Lock waits, I/O, full disk and unusable files: the store is down, not the caller wrong.
const UNAVAILABLE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL|CORRUPT|NOTADB)/;
const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * The embedded event store (design.md §1): one SQLite file in WAL mode, shareable by
 * several processes. Appends run in BEGIN IMMEDIATE transactions, so the expectation
 * check and the insert hold the write lock together and two writers cannot both win.
 *
 * An empty append checks the expectation and returns the stream's last revision and
 * position; for a missing stream, revision -1 and the head position. An event id already
 * in the file (any stream) is a StreamRevisionConflict, never a raw constraint error.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly append: Database.Transaction<AppendRows>;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();

  private constructor(
    private readonly db: Database.Database,
    private readonly settings: Settings,
  ) {
    this.statements = prepareStatements(db);
    this.append = db.transaction<AppendRows>((streamId, rows, expected) => this.appendRows(streamId, rows, expected));
  }

  /** Opens (creating when missing) the store file and brings its schema up to date. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const settings: Settings = {
      synchronous: options.synchronous ?? DEFAULTS.synchronous,
      busyTimeoutMs: options.busyTimeoutMs ?? DEFAULTS.busyTimeoutMs,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      pageSize: options.pageSize ?? DEFAULTS.pageSize,
    };
    try {
      return new SqliteEventStore(openDatabase(filePath, settings), settings);
    } catch (error: unknown) {
      throw new EventStoreUnavailable(`cannot open the SQLite event store at ${filePath}`, { cause: error });
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const rows = events.map(toRow);
    const result = this.run(() => {
      try {
        // An empty append only reads, so it needs no write lock.
        if (rows.length === 0) return this.append.deferred(streamId, rows, expectedRevision);
        return this.append.immediate(streamId, rows, expectedRevision);
      } catch (error: unknown) {
        if (!UNIQUE_CODES.has(sqliteCode(error) ?? '')) throw error;
        const current = this.statements.selectStream.get(streamId)?.[0];
        throw new StreamRevisionConflict(streamId, expectedRevision, current ?? 'no-stream');
      }
    });
    if (rows.length > 0) this.signal.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    // LIMIT -1 is SQLite for "no limit".
    const limit = options.maxCount === undefined ? -1 : Math.max(0, options.maxCount);
    const rows = this.run(() =>
      options.direction === 'backwards'
        ? this.statements.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, limit),
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    const after = options.afterPosition ?? 0;
    const limit = Math.max(0, options.maxCount);
    const prefix = options.streamPrefix ?? '';
    const rows = this.run(() =>
      prefix === ''
        ? this.statements.readAll.all(after, limit)
        : this.statements.readAllWithPrefix.all(after, [...prefix].length, prefix, limit),
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    this.assertOpen();
    const { pageSize, pollIntervalMs } = this.settings;
    const subscription = new CatchUpSubscription(
      (page) => this.readAll(page),
      this.signal,
      { ...options, pageSize, pollIntervalMs },
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.run(() => this.statements.headPosition.get() ?? 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.db.close();
  }

  private appendRows(streamId: string, rows: readonly EventRow[], expected: ExpectedRevision): AppendResult {
    const stream = this.statements.selectStream.get(streamId);
    assertExpectedRevision(streamId, expected, stream?.[0]);
    if (stream === undefined && rows.length === 0) {
      return { revision: -1, position: this.statements.headPosition.get() ?? 0 };
    }
    let [revision, position] = stream ?? [-1, 0];
    for (const [id, type, data, metadata] of rows) {
      revision += 1;
      position = Number(this.statements.insertEvent.run(streamId, revision, id, type, data, metadata).lastInsertRowid);
    }
    if (rows.length > 0) this.statements.upsertStream.run(streamId, revision, position);
    return { revision, position };
  }

  private run<T>(operation: () => T): T {
    this.assertOpen();
    try {
      return operation();
    } catch (error: unknown) {
      if (!UNAVAILABLE_CODE.test(sqliteCode(error) ?? '')) throw error;
      throw new EventStoreUnavailable(`SQLite event store failed: ${String(error)}`, { cause: error });
    }
  }

  private assertOpen(): void {
    if (!this.db.open) throw new EventStoreUnavailable('the SQLite event store is closed');
  }
}

function openDatabase(filePath: string, settings: Settings): Database.Database {
  if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath, { timeout: settings.busyTimeoutMs });
  try {
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal' && !db.memory) throw new Error(`SQLite kept journal_mode ${String(journalMode)}, not wal`);
    db.pragma(`synchronous = ${settings.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    migrate(db);
    return db;
  } catch (error: unknown) {
    db.close();
    throw error;
  }
}

function prepareStatements(db: Database.Database) {
  return {
    selectStream: db.prepare<[string], [revision: number, position: number]>(SQL.selectStream).raw(),
    insertEvent: db.prepare<[string, number, string, string, string, string]>(SQL.insertEvent),
    upsertStream: db.prepare<[string, number, number]>(SQL.upsertStream),
    headPosition: db.prepare<[], number | null>(SQL.headPosition).pluck(),
    readForwards: db.prepare<[string, number, number], EventTuple>(SQL.readForwards).raw(),
    readBackwards: db.prepare<[string, number, number], EventTuple>(SQL.readBackwards).raw(),
    readAll: db.prepare<[number, number], EventTuple>(SQL.readAll).raw(),
    readAllWithPrefix: db.prepare<[number, number, string, number], EventTuple>(SQL.readAllWithPrefix).raw(),
  };
}

function toRow(event: EventToAppend): EventRow {
  return [event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)];
}

function toRecordedEvent([position, streamId, revision, id, type, data, metadata]: EventTuple): RecordedEvent {
  return {
    id,
    type,
    data: JSON.parse(data) as RecordedEvent['data'],
    metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
    streamId,
    revision,
    position,
  };
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}
