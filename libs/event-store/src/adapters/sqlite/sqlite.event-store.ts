import { isSqliteUnavailable, openWalDatabase, sqliteCode, WalCompactor } from '@rapport/sqlite';
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { EventStoreUnavailable, StreamRevisionConflict } from '../../event-store.errors';
import type {
  AppendResult,
  DigestedStream,
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
import { assertExpectedRevision } from '../shared/expected-revision';
import { GroupCommit, type Settled } from '../shared/group-commit';
import { migrate, SQL } from './sqlite.schema';

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
  /** How often a worker thread copies the WAL into the database file. Default 50. */
  readonly walCopyIntervalMs?: number;
}

type Settings = Required<SqliteEventStoreOptions>;
type EventTuple = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];
type DataTuple = [position: number, streamId: string, revision: number, id: string, type: string, data: string, schemaVersion: number];
type EventRow = readonly [id: string, type: string, data: string, metadata: string, schemaVersion: number];
type AppendRows = (streamId: string, rows: readonly EventRow[], expected: ExpectedRevision) => AppendResult;
interface AppendRequest {
  readonly streamId: string;
  readonly rows: readonly EventRow[];
  readonly expected: ExpectedRevision;
}
type AppendGroup = (group: readonly AppendRequest[]) => Settled<AppendResult>[];

const DEFAULTS: Settings = { synchronous: 'FULL', busyTimeoutMs: 5000, pollIntervalMs: 100, pageSize: 1000, walCopyIntervalMs: 50 };
const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
// Bounds the time one group holds the write lock and the latency its first append waits.
const MAX_GROUP_SIZE = 256;

/**
 * The embedded event store (design.md §1): one SQLite file in WAL mode, shareable by
 * several processes. Appends run in BEGIN IMMEDIATE transactions, so the expectation
 * check and the insert hold the write lock together and two writers cannot both win.
 *
 * Group commit: appends made in the same turn of the event loop share one transaction and
 * so one fsync, each under its own SAVEPOINT. They take effect in call order, each checks its
 * own expected revision against the stream as the appends before it left it, and one that
 * fails (a conflict) is rolled back alone; an append resolves only once its group committed.
 *
 * An empty append checks the expectation and returns the stream's last revision and
 * position; for a missing stream, revision -1 and the head position. An event id already
 * in the file (any stream) is a StreamRevisionConflict, never a raw constraint error.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendOne: Database.Transaction<AppendRows>;
  private readonly appendGroup: Database.Transaction<AppendGroup>;
  private readonly appends: GroupCommit<AppendRequest, AppendResult>;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly walCompactor: WalCompactor | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly settings: Settings,
    filePath: string,
  ) {
    this.statements = prepareStatements(db);
    // Called inside appendGroup, appendOne runs as a SAVEPOINT (better-sqlite3 nests that way);
    // called alone (.immediate), it is the whole transaction.
    this.appendOne = db.transaction<AppendRows>((streamId, rows, expected) => this.appendRows(streamId, rows, expected));
    this.appendGroup = db.transaction<AppendGroup>((group) => group.map((request) => this.appendIsolated(request)));
    this.appends = new GroupCommit((group) => this.writeGroup(group), MAX_GROUP_SIZE);
    this.walCompactor = db.memory ? undefined : this.startWalCompactor(filePath);
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
    try {
      return new SqliteEventStore(openDatabase(filePath, settings), settings, filePath);
    } catch (error: unknown) {
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

  /** SQLite's data_version: it changes when another connection commits, never for this connection's own commits. */
  outsideWriteMark(): number {
    return this.run(() => this.statements.dataVersion.get() ?? 0);
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

  async readStreamDigested(streamId: string, isDigested: (revision: number) => boolean): Promise<DigestedStream> {
    const rows = this.run(() => this.statements.readForwards.all(streamId, 0, -1));
    const hash = createHash('sha256');
    const digests = new Map<number, string>();
    const last = rows.length - 1;
    const events = rows.map((row, index) => {
      const [, , revision, id, type, data, metadata] = row;
      // The text as read is the stored bytes decoded: encoded again it gives them back (digestStream).
      hash.update(`${id}\u001f${type}\u001f${data}\u001f${metadata}\n`);
      if (index === last || isDigested(revision)) digests.set(revision, hash.copy().digest('hex'));
      return toRecordedEvent(row);
    });
    return { events, digests };
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
    if (this.db.open) this.appends.flush();
    await this.walCompactor?.stop();
    if (this.db.open) this.db.close();
  }

  /** WAL copies move off this thread (@rapport/sqlite WalCompactor); if that fails, SQLite's own checkpoints come back. */
  private startWalCompactor(filePath: string): WalCompactor {
    const { synchronous, busyTimeoutMs, walCopyIntervalMs: intervalMs } = this.settings;
    return new WalCompactor({ db: this.db, file: filePath, synchronous, busyTimeoutMs, intervalMs });
  }

  private writeGroup(group: readonly AppendRequest[]): readonly Settled<AppendResult>[] {
    const [only] = group;
    const outcomes = group.length === 1 && only ? [this.writeAlone(only)] : this.run(() => this.appendGroup.immediate(group));
    if (outcomes.some((outcome, index) => outcome.ok && (group[index]?.rows.length ?? 0) > 0)) this.signal.notify();
    return outcomes;
  }

  /** A group of one needs no savepoint: its own transaction rolls back alone. */
  private writeAlone({ streamId, rows, expected }: AppendRequest): Settled<AppendResult> {
    try {
      return { ok: true, value: this.run(() => this.appendOne.immediate(streamId, rows, expected)) };
    } catch (error: unknown) {
      return { ok: false, error: this.appendError(streamId, expected, error) };
    }
  }

  /** One append of a group under its own savepoint, so that its failure undoes its rows only. */
  private appendIsolated({ streamId, rows, expected }: AppendRequest): Settled<AppendResult> {
    try {
      return { ok: true, value: this.appendOne(streamId, rows, expected) };
    } catch (error: unknown) {
      // SQLite ends the whole transaction on some errors (I/O, full disk): then nothing in the group stands.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error: this.appendError(streamId, expected, error) };
    }
  }

  private appendError(streamId: string, expected: ExpectedRevision, error: unknown): unknown {
    if (!UNIQUE_CODES.has(sqliteCode(error) ?? '')) return toPortError(error);
    const current = this.statements.selectStream.get(streamId)?.[0];
    return new StreamRevisionConflict(streamId, expected, current ?? 'no-stream');
  }

  private appendRows(streamId: string, rows: readonly EventRow[], expected: ExpectedRevision): AppendResult {
    const stream = this.statements.selectStream.get(streamId);
    assertExpectedRevision(streamId, expected, stream?.[0]);
    if (stream === undefined && rows.length === 0) {
      return { revision: -1, position: this.statements.headPosition.get() ?? 0 };
    }
    let [revision, position] = stream ?? [-1, 0];
    for (const [id, type, data, metadata, schemaVersion] of rows) {
      revision += 1;
      position = Number(this.statements.insertEvent.run(streamId, revision, id, type, data, metadata, schemaVersion).lastInsertRowid);
    }
    return { revision, position };
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
    selectStream: db.prepare<[string], [revision: number, position: number]>(SQL.selectStream).raw(),
    insertEvent: db.prepare<[string, number, string, string, string, string, number]>(SQL.insertEvent),
    headPosition: db.prepare<[], number | null>(SQL.headPosition).pluck(),
    dataVersion: db.prepare<[], number>(SQL.dataVersion).pluck(),
    readForwards: db.prepare<[string, number, number], EventTuple>(SQL.readForwards).raw(),
    readBackwards: db.prepare<[string, number, number], EventTuple>(SQL.readBackwards).raw(),
    readAll: db.prepare<[number, number], EventTuple>(SQL.readAll).raw(),
    readStoredBytes: db.prepare<[string, number], [revision: number, bytes: Buffer]>(SQL.readStoredBytes).raw(),
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
