import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type EventToAppend, type ExpectedRevision } from '@rapport/event-store';
import { Args } from '../../support/args';
import { SYNCHRONOUS_MODES } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { figure, perSecond } from '../../support/stats';
import { readRows, splitRows, type EventRow } from '../../workload/event-rows-file';
import { runInFlight } from '../../workload/in-flight';

/**
 * Between the raw limit and the append path: Rapport's SQLite adapter alone appending the
 * workload's rows, one event per call at its expected revision (no decider, no hashing, no bus).
 * It tells how much of the append path's cost is storage and how much is the rest.
 */
async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const synchronous = args.oneOf('sync', SYNCHRONOUS_MODES);
  const inFlight = args.number('in-flight');
  const rowsDir = args.text('rows');
  const store = SqliteEventStore.open(args.text('file'), { synchronous });
  await seedPerStream(store, await readRows(join(rowsDir, 'seed-rows.jsonl')));
  const measured = splitRows((await readRows(join(rowsDir, 'measured-rows.jsonl'))).map(toAppend), args.number('runs', 3));
  await appendEach(store, measured.warmup, inFlight);
  const rates: number[] = [];
  for (const [index, rows] of measured.runs.entries()) {
    const started = process.hrtime.bigint();
    await appendEach(store, rows, inFlight);
    rates.push(perSecond(rows.length, process.hrtime.bigint() - started));
    progress(`run ${index + 1}: ${Math.round(rates[index] ?? 0)} events/s`);
  }
  await store.close();
  emitResult({
    scenario: 'store-append',
    params: { synchronous, inFlight, rowsPerRun: measured.runs[0]?.length ?? 0 },
    figures: { eventsPerSecond: figure('events/s', rates) },
  });
}

interface Append {
  readonly streamId: string;
  readonly event: EventToAppend;
  readonly expected: ExpectedRevision;
}

/** Parsed before timing: the adapter's own work starts from event objects, as the write loop hands them over. */
function toAppend(row: EventRow): Append {
  return { streamId: row[0], event: toEvent(row), expected: row[1] === 0 ? 'no-stream' : row[1] - 1 };
}

function appendEach(store: EventStore, appends: readonly Append[], inFlight: number): Promise<void> {
  return runInFlight(
    appends,
    inFlight,
    (append) => append.streamId,
    async ({ streamId, event, expected }) => {
      await store.appendToStream(streamId, [event], expected);
    },
  );
}

/** Each stream's seed events in one append, 64 streams at a time. */
async function seedPerStream(store: EventStore, rows: readonly EventRow[]): Promise<void> {
  const streams = new Map<string, EventRow[]>();
  for (const row of rows) streams.set(row[0], [...(streams.get(row[0]) ?? []), row]);
  await runInFlight(
    [...streams.values()],
    64,
    (stream) => stream[0]?.[0] ?? '',
    async (stream) => {
      await store.appendToStream(stream[0]?.[0] ?? '', stream.map(toEvent), 'no-stream');
    },
  );
}

function toEvent([, , id, type, data, metadata]: EventRow): EventToAppend {
  return { id, type, data: JSON.parse(data) as EventToAppend['data'], metadata: JSON.parse(metadata) as EventToAppend['metadata'] };
}

runMain(main);
