import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { allProjections, rebuildGroups, type Projection } from '@rapport/read-models';
import { join } from 'node:path';
import { benchCommand, runChild } from '../src/support/child';
import { median } from '../src/support/stats';
import { generateEvents } from './generate-events';
import { measureRebuild, type Measurement, type MeasureOptions } from './measure';

const CACHE = join(tmpdir(), 'rapport-bench-rebuild');
const TEN_MINUTES = 600_000;
const SCRIPT = 'bench/rebuild/rebuild.bench.ts';
/** Processes per rebuild, as `projections rebuild` defaults to: one per core (REBUILD_PROCESSES=1 measures one process). */
const PROCESSES = Number(process.env.REBUILD_PROCESSES ?? availableParallelism());
/** The projections rebuilt, by name, all when unset: REBUILD_PROJECTIONS=a,b compares like with like against an older catalog. */
const CHOSEN = process.env.REBUILD_PROJECTIONS?.split(',');

/**
 * Rebuild throughput (issue 3): events per second for a rebuild of every projection from a store of
 * realistic events, on the embedded read-model store and, with MONGO_URL set, on FerretDB, each in a
 * child process of its own so that its peak RSS is the rebuild's. FerretDB gets the largest count
 * that finishes in ten minutes, halving from the requested one.
 * Each figure is the median of three runs after a warm-up (one with BENCH_QUICK=1).
 * Usage: [MONGO_URL=mongodb://127.0.0.1:27017/] [REBUILD_PROCESSES=n] [REBUILD_PROJECTIONS=name,name] npm run bench:rebuild -- [events, default 1000000] [ferret events]
 */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'generate') return print(await generateEvents(args[0] ?? '', Number(args[1])));
  if (mode === 'measure') return print(await measureRebuild(JSON.parse(args[0] ?? '{}') as MeasureOptions));
  const events = Number(mode ?? 1_000_000);
  mkdirSync(CACHE, { recursive: true });
  const rows: Measurement[] = [await medianOfRuns('embedded', events)];
  const mongoUrl = process.env.MONGO_URL;
  if (mongoUrl) rows.push(...(await ferret(mongoUrl, Number(args[0] ?? events))));
  report(rows);
}

async function ferret(mongoUrl: string, wanted: number): Promise<Measurement[]> {
  for (let events = wanted; events >= 10_000; events = Math.floor(events / 2)) {
    const row = await medianOfRuns('mongo', events, mongoUrl).catch((error: unknown) => {
      process.stderr.write(`FerretDB with ${events} events: ${String(error)}\n`);
      return undefined;
    });
    if (row) return [row];
  }
  return [];
}

/** A warm-up rebuild of a tenth of the events, then three measured (one with BENCH_QUICK=1): the median run, with every run's rate. */
async function medianOfRuns(store: 'embedded' | 'mongo', events: number, mongoUrl?: string): Promise<Measurement & { runs: number[] }> {
  const runs = process.env.BENCH_QUICK === '1' ? 1 : 3;
  await measured(store, Math.max(10_000, Math.floor(events / 10)), mongoUrl);
  const measurements: Measurement[] = [];
  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`rebuild ${store}, ${events} events: run ${run} of ${runs}\n`);
    measurements.push(await measured(store, events, mongoUrl));
  }
  const rates = measurements.map((m) => m.eventsPerSecond);
  const middle = measurements.find((m) => m.eventsPerSecond === median(rates));
  if (middle === undefined) throw new Error('no rebuild run');
  return { ...middle, runs: rates };
}

/**
 * One rebuild of every projection, split between processes as `projections rebuild` splits them
 * (rebuildGroups, one per core): each process rebuilds its group into the same target; the figure is
 * from the first start to the last end.
 */
async function measured(store: 'embedded' | 'mongo', events: number, mongoUrl?: string): Promise<Measurement> {
  const eventsFile = await eventsFileWith(events);
  const target = store === 'embedded' ? join(CACHE, `read-models-${Date.now()}.sqlite`) : `rapport_bench_${Date.now()}`;
  const groups = rebuildGroups(chosenProjections(), PROCESSES).map((group) => group.map((projection) => projection.name));
  try {
    const parts = await Promise.all(
      groups.map((projections) =>
        // The rebuild's defaults (flush every 1M events or 200k documents): with FerretDB 1.24 that matters more, as its
        // SQLite backend scans the whole collection for every update by _id (its _id index is never used).
        measuredPart({ eventsFile, store, target, projections, ...(mongoUrl ? { mongoUrl } : {}) }),
      ),
    );
    const startedAtMs = Math.min(...parts.map((part) => part.startedAtMs));
    const endedAtMs = Math.max(...parts.map((part) => part.endedAtMs));
    const seconds = (endedAtMs - startedAtMs) / 1000;
    const eventCount = Math.max(...parts.map((part) => part.events));
    return {
      store,
      events: eventCount,
      seconds,
      eventsPerSecond: Math.round(eventCount / seconds),
      peakRssMiB: parts.reduce((sum, part) => sum + part.peakRssMiB, 0),
      documents: parts.reduce((sum, part) => sum + part.documents, 0),
      flushEveryEvents: 'default',
      startedAtMs,
      endedAtMs,
      processes: parts.length,
    };
  } finally {
    if (store === 'embedded') for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  }
}

function chosenProjections(): readonly Projection[] {
  const all = allProjections();
  if (CHOSEN === undefined) return all;
  const unknown = CHOSEN.filter((name) => !all.some((projection) => projection.name === name));
  if (unknown.length > 0) throw new Error(`REBUILD_PROJECTIONS names no projection: ${unknown.join(', ')}`);
  return all.filter((projection) => CHOSEN.includes(projection.name));
}

async function measuredPart(options: MeasureOptions): Promise<Measurement> {
  // A larger young generation: a rebuild allocates many short-lived objects (the CLI can take the same NODE_OPTIONS).
  const [command, childArgs] = benchCommand(SCRIPT, ['measure', JSON.stringify(options)], ['--max-semi-space-size=64']);
  const outcome = await runChild(command, childArgs, { timeoutMs: TEN_MINUTES, echoStderr: true });
  if (outcome.exitCode !== 0) throw new Error(`exit ${outcome.exitCode}: ${outcome.stderr.slice(-500)}`);
  return JSON.parse(outcome.stdout.trim().split('\n').at(-1) ?? '{}') as Measurement;
}

async function eventsFileWith(events: number): Promise<string> {
  const file = join(CACHE, `events-${events}.sqlite`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${events} events into ${file} (once; kept for later runs)...\n`);
  const [command, args] = benchCommand(SCRIPT, ['generate', `${file}.tmp`, String(events)]);
  const outcome = await runChild(command, args, { timeoutMs: TEN_MINUTES * 3 });
  if (outcome.exitCode !== 0) throw new Error(`generating events failed: ${outcome.stderr.slice(-500)}`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}.tmp${suffix}`, { force: true });
  renameSync(`${file}.tmp`, file);
  process.stderr.write(`  ${outcome.stdout.trim()}\n`);
  return file;
}

function report(rows: readonly Measurement[]): void {
  process.stdout.write(`\nRebuild of ${CHOSEN?.join(', ') ?? 'all projections'} from position 0 (node ${process.version})\n`);
  for (const row of rows) {
    const name = row.store === 'embedded' ? 'embedded (SQLite)' : 'FerretDB 1.24 (SQLite backend)';
    process.stdout.write(
      `${name.padEnd(32)} ${String(row.eventsPerSecond).padStart(9)} events/s  ${row.events} events in ${row.seconds.toFixed(1)} s, ${row.processes} processes, ${row.documents} documents, peak RSS ${row.peakRssMiB} MiB (all processes)\n`,
    );
  }
  process.stdout.write('peers (docs/peers.md, 100k events): Emmett 0.42 async projection ~2,700 events/s tuned, ~1,250 with defaults\n');
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
