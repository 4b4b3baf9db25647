import { getSQLiteEventStore, sqliteConnection, type SQLiteConnection, type SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { copyFileSync } from 'node:fs';
import { Args } from '../src/support/args';
import { emitResult, progress, runMain } from '../src/support/scenario-result';
import { figure, perSecond } from '../src/support/stats';
import { readRows, type EventRow } from '../src/workload/event-rows-file';

/**
 * Scenario 2, the peer: Emmett's SQLite event store (sqlite3 driver) appending the workload's
 * rows one event per call with the expected stream version, one call at a time.
 *   --mode=seed     each stream's seed events in one call, into --file (shared connection)
 *   --mode=measure  copies --seeded to --file, then warm-up and runs with --connection:
 *                   shared  one connection given to Emmett (its `singleton` option), --sync applied
 *                   default Emmett's default: a new connection per call, SQLite's default synchronous
 * This process loads sqlite3 only, never better-sqlite3 (their locks do not see each other).
 */
interface EmmettEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const file = args.text('file');
  if (args.oneOf('mode', ['seed', 'measure']) === 'seed') return seed(file, await readRows(args.text('rows')));
  copyFileSync(args.text('seeded'), file);
  const rows = await readRows(args.text('rows'));
  const connectionKind = args.oneOf('connection', ['shared', 'default']);
  const warmup = args.number('warmup');
  const perRun = args.number('per-run');
  const runs = args.number('runs', 3);
  if (rows.length < warmup + runs * perRun) throw new Error(`need ${warmup + runs * perRun} rows, have ${rows.length}`);

  const shared = connectionKind === 'shared' ? await openConnection(file, args.oneOf('sync', ['FULL', 'NORMAL'])) : undefined;
  const store = shared ? getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection: shared } }) : getSQLiteEventStore({ fileName: file });
  const synchronous = await synchronousOf(shared, file);
  await appendOneByOne(store, rows.slice(0, warmup));
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const slice = rows.slice(warmup + run * perRun, warmup + (run + 1) * perRun);
    const started = process.hrtime.bigint();
    await appendOneByOne(store, slice);
    rates.push(perSecond(slice.length, process.hrtime.bigint() - started));
    progress(`run ${run + 1}: ${Math.round(rates[run] ?? 0)} events/s`);
  }
  shared?.close();
  emitResult({
    scenario: 'emmett',
    params: { connection: connectionKind, synchronous, eventsPerRun: perRun, warmup },
    figures: { eventsPerSecond: figure('events/s', rates) },
    notes: busyRetries.count > 0 ? [`${busyRetries.count} appends met SQLITE_BUSY from Emmett's unawaited PRAGMA and were retried`] : [],
  });
}

async function seed(file: string, rows: readonly EventRow[]): Promise<void> {
  const connection = await openConnection(file, 'NORMAL');
  const store = getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } });
  const streams = new Map<string, EventRow[]>();
  for (const row of rows) streams.set(row[0], [...(streams.get(row[0]) ?? []), row]);
  const started = process.hrtime.bigint();
  for (const [streamName, events] of streams) await store.appendToStream(streamName, events.map(toEmmettEvent), { expectedStreamVersion: 0n });
  await connection.command('PRAGMA wal_checkpoint(TRUNCATE)');
  connection.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  emitResult({ scenario: 'emmett-seed', params: { streams: streams.size, events: rows.length }, figures: { seconds: figure('s', [seconds]) } });
}

/** Emmett's own PRAGMA journal_mode = WAL is not awaited, so it is set and checked here. */
async function openConnection(file: string, synchronous: 'FULL' | 'NORMAL'): Promise<SQLiteConnection> {
  const connection = sqliteConnection({ fileName: file });
  const [mode] = await connection.query<{ journal_mode: string }>('PRAGMA journal_mode = WAL');
  if (mode?.journal_mode !== 'wal') throw new Error(`${file} stayed in journal_mode ${String(mode?.journal_mode)}`);
  await connection.command(`PRAGMA synchronous = ${synchronous}`);
  return connection;
}

/** What synchronous level the appends run with: the shared connection's, or a fresh connection's default. */
async function synchronousOf(shared: SQLiteConnection | undefined, file: string): Promise<string> {
  const connection = shared ?? sqliteConnection({ fileName: file });
  const [row] = await connection.query<{ synchronous: number }>('PRAGMA synchronous');
  if (!shared) connection.close();
  return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][row?.synchronous ?? -1] ?? 'unknown';
}

/**
 * With a connection per call, Emmett sends `PRAGMA journal_mode = WAL` without waiting for it,
 * and a commit sometimes meets that statement still running (SQLITE_BUSY); the append then
 * stored nothing, so it is tried again and counted. The time of the failed tries counts.
 */
const busyRetries = { count: 0 };

async function appendOneByOne(store: SQLiteEventStore, rows: readonly EventRow[]): Promise<void> {
  for (const row of rows) {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.appendToStream(row[0], [toEmmettEvent(row)], { expectedStreamVersion: BigInt(row[1]) });
        break;
      } catch (error: unknown) {
        if (attempt >= 5 || !String(error).includes('SQLITE_BUSY')) throw error;
        busyRetries.count++;
      }
    }
  }
}

function toEmmettEvent([, , , type, data, metadata]: EventRow): EmmettEvent {
  return { type, data: JSON.parse(data) as Record<string, unknown>, metadata: JSON.parse(metadata) as Record<string, unknown> };
}

runMain(main);
