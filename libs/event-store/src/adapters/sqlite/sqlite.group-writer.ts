import { isSqliteUnavailable, sqliteCode } from '@rapport/sqlite';
import type Database from 'better-sqlite3';
import { isStreamRevisionConflict } from '../../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../../event-store.port';
import { assertExpectedRevision } from '../shared/expected-revision';
import { SQL } from './sqlite.schema';
import type { AppendFailure, AppendOutcome, AppendRequest, EventRow } from './sqlite.writer-protocol';

type AppendRows = (streamId: string, rows: readonly EventRow[], expected: ExpectedRevision) => AppendResult;
type AppendGroup = (group: readonly AppendRequest[]) => AppendOutcome[];

const UNIQUE_CODES: ReadonlySet<string> = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * The write connection's side of the group commit (SqliteEventStore): a group of appends in one
 * BEGIN IMMEDIATE transaction, so the expectation checks and the inserts hold the write lock
 * together, each append under its own SAVEPOINT. They take effect in order, each checks its own
 * expected revision against the stream as the appends before it left it, and one that fails (a
 * conflict) is rolled back alone. An event id already in the file (any stream) is a conflict.
 */
export class GroupWriter {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendOne: Database.Transaction<AppendRows>;
  private readonly appendGroup: Database.Transaction<AppendGroup>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    // Called inside appendGroup, appendOne runs as a SAVEPOINT (better-sqlite3 nests that way);
    // called alone (.immediate), it is the whole transaction.
    this.appendOne = db.transaction<AppendRows>((streamId, rows, expected) => this.appendRows(streamId, rows, expected));
    this.appendGroup = db.transaction<AppendGroup>((group) => group.map((request) => this.appendIsolated(request)));
  }

  /** One outcome per append, in order; when the group cannot commit (lock, I/O), every append fails alike. */
  write(group: readonly AppendRequest[]): AppendOutcome[] {
    const [only] = group;
    if (group.length === 1 && only !== undefined) return [this.writeAlone(only)];
    try {
      return this.appendGroup.immediate(group);
    } catch (error: unknown) {
      const failure = toFailure(error);
      return group.map(() => ({ ok: false, failure }));
    }
  }

  /** A group of one needs no savepoint: its own transaction rolls back alone. */
  private writeAlone({ streamId, rows, expected }: AppendRequest): AppendOutcome {
    try {
      return { ok: true, value: this.appendOne.immediate(streamId, rows, expected) };
    } catch (error: unknown) {
      return { ok: false, failure: this.appendFailure(streamId, expected, error) };
    }
  }

  /** One append of a group under its own savepoint, so that its failure undoes its rows only. */
  private appendIsolated({ streamId, rows, expected }: AppendRequest): AppendOutcome {
    try {
      return { ok: true, value: this.appendOne(streamId, rows, expected) };
    } catch (error: unknown) {
      // SQLite ends the whole transaction on some errors (I/O, full disk): then nothing in the group stands.
      if (!this.db.inTransaction) throw error;
      return { ok: false, failure: this.appendFailure(streamId, expected, error) };
    }
  }

  private appendFailure(streamId: string, expected: ExpectedRevision, error: unknown): AppendFailure {
    if (!UNIQUE_CODES.has(sqliteCode(error) ?? '')) return toFailure(error);
    const actual = this.statements.selectStream.get(streamId)?.[0] ?? 'no-stream';
    return { kind: 'conflict', streamId, expected, actual };
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
}

function prepareStatements(db: Database.Database) {
  return {
    selectStream: db.prepare<[string], [revision: number, position: number]>(SQL.selectStream).raw(),
    insertEvent: db.prepare<[string, number, string, string, string, string, number]>(SQL.insertEvent),
    headPosition: db.prepare<[], number | null>(SQL.headPosition).pluck(),
  };
}

/** Lock waits, I/O and unusable files are "unavailable"; anything else is unexpected (a bug), passed on by its message. */
function toFailure(error: unknown): AppendFailure {
  if (isStreamRevisionConflict(error)) {
    const { streamId, expected, actual } = error;
    return { kind: 'conflict', streamId, expected, actual };
  }
  return { kind: isSqliteUnavailable(error) ? 'unavailable' : 'unexpected', message: String(error) };
}
