import { isSqliteUnavailable, openWalDatabase } from '@rapport/sqlite';
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { EventStoreUnavailable } from '../../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedEventData,
  SubscribeOptions,
} from '../../event-store.port';
import { AppendSignal, CatchUpSubscription } from '../shared/catch-up.subscription';
import { GroupCommit, type Settled } from '../shared/group-commit';
import { migrate, SQL } from './sqlite.schema';
import { WriterThread } from './sqlite.writer';
import type { AppendRequest, EventRow } from './sqlite.writer-protocol';

export interface SqliteEventStoreOptions {
  /**
   * FULL (default) fsyncs the WAL on every commit: an acknowledged append survives a power
   * loss. NORMAL fsyncs only when the WAL is copied into the database file: still safe against a
   * process crash and never corrupt, but a power loss or OS crash can lose the last acknowledged
   * appends, in return for several times more single-event appends per second.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long to wait for another connection's write lock before EventStoreUnavailable. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How often an idle subscription re-reads, to see appends from other processes. Default 100. */
  readonly pollIntervalMs?: number;
  /** Events a subscription reads per query. Default 1000. */
  readonly pageSize?: number;
  /** How often a worker thread copies the WAL into the database file. Default 200. */
  readonly walCopyIntervalMs?: number;
}

type Settings = Required<SqliteEventStoreOptions>;
type EventTuple = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];
type DataTuple = [position: number, streamId: string, revision: number, id: string, type: string, data: string, schemaVersion: number];

const DEFAULTS: Settings = { synchronous: 'FULL', busyTimeoutMs: 5000, pollIntervalMs: 100, pageSize: 1000, walCopyIntervalMs: 200 };
// Bounds the time one group holds the write lock and the latency its first append waits.
const MAX_GROUP_SIZE = 256;

/**
 * The embedded event store (design.md §1): one SQLite file in WAL mode, shareable by
 * several processes. Appends run in BEGIN IMMEDIATE transactions, so the expectation
 * check and the insert hold the write lock together and two writers cannot both win.
 *
 * Two connections: reads on this thread's, appends on a writer thread's (sqlite.writer.ts), so
 * that a commit's fsync overlaps the deciding of the next commands instead of stopping them.
 *
 * Group commit: appends made in the same turn of the event loop, or while the group before them
 * is being written, share one transaction and so one fsync, each under its own SAVEPOINT. They
 * take effect in call order, each checks its own expected revision against the stream as the
 * appends before it left it, and one that fails (a conflict) is rolled back alone
 * (sqlite.group-writer.ts); an append resolves only once its group committed.
 *
 * An empty append checks the expectation and returns the stream's last revision and
 * position; for a missing stream, revision -1 and the head position. An event id already
 * in the file (any stream) is a StreamRevisionConflict, never a raw constraint error.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appends: GroupCommit<AppendRequest, AppendResult>;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  /** The last outside-write mark asked of the writer thread, and this connection's data_version just before. */
  private outsideWrites: { readonly seen: number; readonly mark: number } | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: WriterThread,
    private readonly settings: Settings,
  ) {
    this.statements = prepareStatements(db);
    this.appends = new GroupCommit((group) => this.writeGroup(group), MAX_GROUP_SIZE);
  }

  /** Opens (creating when missing) the store file and brings its schema up to date. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const settings: Settings = {
      synchronous: options.synchronous ?? DEFAULTS.synchronous,
      busyTimeoutMs: options.busyTimeoutMs ?? DEFAULTS.busyTimeoutMs,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      pageSize: options.pageSize ?? DEFAULTS.pageSize,
      walCopyIntervalMs: options.walCopyIntervalMs ?? DEFAULTS.walCopyIntervalMs,
    };
    // In memory, each of the two threads' connections would have a database of its own.
    if (filePath === ':memory:') throw new EventStoreUnavailable('the SQLite event store needs a file, not :memory:');
    let db: Database.Database | undefined;
    try {
      db = openDatabase(filePath, settings);
      const { synchronous, busyTimeoutMs, walCopyIntervalMs } = settings;
      return new SqliteEventStore(db, WriterThread.start({ file: filePath, synchronous, busyTimeoutMs, walCopyIntervalMs }), settings);
    } catch (error: unknown) {
      db?.close();
      throw new EventStoreUnavailable(`cannot open the SQLite event store at ${filePath}`, { cause: error });
    }
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    return this.appends.submit({ streamId, rows: events.map(toRow), expected: expectedRevision });
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

  /**
   * The writer thread's data_version: SQLite moves it when another connection commits, never for
   * that connection's own commits, which are this store's appends. This thread's data_version
   * moves for those too, so it serves only to skip asking: while it stands, nobody (the writer
   * thread included) committed since the writer thread last answered, and that answer stands.
   */
  async outsideWriteMark(): Promise<number> {
    const seen = this.run(() => Number(this.db.pragma('data_version', { simple: true })));
    if (this.outsideWrites?.seen === seen) return this.outsideWrites.mark;
    // Asked after `seen` was read: the pair never stands for fewer commits than the writer had seen.
    const mark = await this.writer.dataVersion();
    this.outsideWrites = { seen, mark };
    return mark;
  }

  async digestStream(streamId: string, throughRevisions: readonly number[]): Promise<readonly string[]> {
    const last = throughRevisions.at(-1);
    if (last === undefined) return [];
    const rows = this.run(() => this.statements.readStoredBytes.all(streamId, last));
    const hash = createHash('sha256');
    const digests: string[] = [];
    let next = 0;
    for (const [revision, bytes] of rows) {
      hash.update(bytes).update('\n');
      while (next < throughRevisions.length && throughRevisions[next] === revision) {
        digests.push(hash.copy().digest('hex'));
        next++;
      }
    }
    while (digests.length < throughRevisions.length) digests.push(`missing-${throughRevisions[digests.length]}`);
    return digests;
  }

  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.readAllRows(options, this.statements.readAll, this.statements.readAllWithPrefix).map(toRecordedEvent);
  }

  async readAllWithoutMetadata(options: ReadAllOptions): Promise<readonly RecordedEventData[]> {
    return this.readAllRows(options, this.statements.readAllData, this.statements.readAllDataWithPrefix).map(toRecordedEventData);
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    this.assertOpen();
    const { pageSize, pollIntervalMs } = this.settings;
    const subscription = new CatchUpSubscription(this, this.signal, { ...options, pageSize, pollIntervalMs }, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.run(() => this.statements.headPosition.get() ?? 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    // Appends already accepted are written, not dropped.
    await this.appends.drain();
    await this.writer.close();
    if (this.db.open) this.db.close();
  }

  private async writeGroup(group: readonly AppendRequest[]): Promise<readonly Settled<AppendResult>[]> {
    const outcomes = await this.writer.append(group);
    if (outcomes.some((outcome, index) => outcome.ok && (group[index]?.rows.length ?? 0) > 0)) this.signal.notify();
    return outcomes;
  }

  private readAllRows<Row>(
    options: ReadAllOptions,
    all: Database.Statement<[number, number], Row>,
    withPrefix: Database.Statement<[number, number, string, number], Row>,
  ): Row[] {
    const after = options.afterPosition ?? 0;
    const limit = Math.max(0, options.maxCount);
    const prefix = options.streamPrefix ?? '';
    return this.run(() => (prefix === '' ? all.all(after, limit) : withPrefix.all(after, [...prefix].length, prefix, limit)));
  }

  private run<T>(operation: () => T): T {
    this.assertOpen();
    try {
      return operation();
    } catch (error: unknown) {
      throw toPortError(error);
    }
  }

  private assertOpen(): void {
    if (!this.db.open) throw new EventStoreUnavailable('the SQLite event store is closed');
  }
}

function openDatabase(filePath: string, settings: Settings): Database.Database {
  const db = openWalDatabase(filePath, settings);
  try {
    migrate(db);
    return db;
  } catch (error: unknown) {
    db.close();
    throw error;
  }
}

function prepareStatements(db: Database.Database) {
  return {
    headPosition: db.prepare<[], number | null>(SQL.headPosition).pluck(),
    readForwards: db.prepare<[string, number, number], EventTuple>(SQL.readForwards).raw(),
    readBackwards: db.prepare<[string, number, number], EventTuple>(SQL.readBackwards).raw(),
    readAll: db.prepare<[number, number], EventTuple>(SQL.readAll).raw(),
    readStoredBytes: db.prepare<[string, number], [revision: number, bytes: string]>(SQL.readStoredBytes).raw(),
    readAllWithPrefix: db.prepare<[number, number, string, number], EventTuple>(SQL.readAllWithPrefix).raw(),
    readAllData: db.prepare<[number, number], DataTuple>(SQL.readAllData).raw(),
    readAllDataWithPrefix: db.prepare<[number, number, string, number], DataTuple>(SQL.readAllDataWithPrefix).raw(),
  };
}

function toRow(event: EventToAppend): EventRow {
  return [event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), event.metadata.schemaVersion];
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

function toRecordedEventData([position, streamId, revision, id, type, data, schemaVersion]: DataTuple): RecordedEventData {
  return { id, type, data: JSON.parse(data) as RecordedEventData['data'], metadata: { schemaVersion }, streamId, revision, position };
}

/** Lock waits, I/O and unusable files become EventStoreUnavailable; anything else stays as it is. */
function toPortError(error: unknown): unknown {
  if (!isSqliteUnavailable(error)) return error;
  return new EventStoreUnavailable(`SQLite event store failed: ${String(error)}`, { cause: error });
}
