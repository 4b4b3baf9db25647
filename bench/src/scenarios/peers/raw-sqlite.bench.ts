import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Args } from '../../support/args';
import { SYNCHRONOUS_MODES } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { figure, perSecond } from '../../support/stats';
import { readRows, splitRows, type EventRow } from '../../workload/event-rows-file';

/**
 * Scenario 2, the hardware limit: better-sqlite3 inserting the workload's event rows into a
 * table with the columns and unique indexes of Rapport's events table, in transactions of
 * --batch rows, WAL, --sync. No expected-revision check, no stream table, no JSON work.
 */
const SCHEMA = `CREATE TABLE events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  UNIQUE (stream_id, revision))`;

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const synchronous = args.oneOf('sync', SYNCHRONOUS_MODES);
  const batch = args.number('batch');
  const rowsDir = args.text('rows');
  const db = openRawDatabase(args.text('file'), synchronous);
  const insert = db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAll = db.transaction((rows: readonly EventRow[]) => {
    for (const row of rows) insert.run(...row);
  });
  const inBatches = (rows: readonly EventRow[], size: number) => {
    for (let start = 0; start < rows.length; start += size) insertAll.immediate(rows.slice(start, start + size));
  };

  inBatches(await readRows(join(rowsDir, 'seed-rows.jsonl')), 1_000);
  const measured = splitRows(await readRows(join(rowsDir, 'measured-rows.jsonl')), args.number('runs', 3));
  inBatches(measured.warmup, batch);
  const rates = measured.runs.map((rows, index) => {
    const started = process.hrtime.bigint();
    inBatches(rows, batch);
    const rate = perSecond(rows.length, process.hrtime.bigint() - started);
    progress(`run ${index + 1}: ${Math.round(rate)} events/s`);
    return rate;
  });
  db.close();
  emitResult({
    scenario: 'raw-sqlite',
    params: { synchronous, batch, rowsPerRun: measured.runs[0]?.length ?? 0 },
    figures: { eventsPerSecond: figure('events/s', rates) },
  });
}

/** WAL is set and checked here, never assumed. */
export function openRawDatabase(file: string, synchronous: string): Database.Database {
  const db = new Database(file);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`${file} stayed in journal_mode ${String(mode)}`);
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(SCHEMA);
  return db;
}

runMain(main);
