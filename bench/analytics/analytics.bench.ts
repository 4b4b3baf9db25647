import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterBehaviour } from '@rapport/analytics';
import { CUSTOMER_UPCASTERS } from '@rapport/customer-domain';
import { SqliteEventStore, Upcasters, UpcastingEventStore } from '@rapport/event-store';
import {
  BREAKDOWN_DIMENSIONS,
  behaviourOf,
  cohortsView,
  customerAnalyticsProjection,
  customerValues,
  defaultReadModelConfig,
  EmbeddedReadModelStore,
  kpiBreakdown,
  pageByValue,
  readAllCustomerAnalytics,
  rebuildProjections,
  type CustomerAnalytics,
} from '@rapport/read-models';
import { generateEvents } from '../rebuild/generate-events';
import { benchCommand, REPO_ROOT, runChild } from '../src/support/child';
import { percentile } from '../src/support/stats';

const CACHE = join(tmpdir(), 'rapport-bench-analytics');
const SCRIPT = 'bench/analytics/analytics.bench.ts';
const RUNS = 30;
/** The generator's business time ends mid-2026: "now" for every query. */
const NOW = new Date('2026-07-01T00:00:00.000Z');
const CURRENCY = defaultReadModelConfig.segmentation.rfm.monetaryCurrency;

/**
 * Analytics queries (issue #13) on the demo generator's customer lives: breakdown and cohort
 * p50/p99 over the in-memory book (what the service computes per projection version), the read of
 * the book from the embedded store, and one clustering run (k 2–8) with its time and peak RSS in a
 * child process of its own. Usage: npm run bench:analytics -- [events, default 1000000]
 */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'cluster') return print(await clusteringRun(args[0] ?? ''));
  const events = Number(mode ?? 1_000_000);
  mkdirSync(CACHE, { recursive: true });
  const eventsFile = await eventsFileWith(events);
  const readModels = join(CACHE, `read-models-${events}.sqlite`);
  const rebuildSeconds = existsSync(readModels) ? null : await project(eventsFile, readModels);
  const store = EmbeddedReadModelStore.open(readModels);
  const readStarted = process.hrtime.bigint();
  const book = await readAllCustomerAnalytics(store);
  const readMs = elapsedMs(readStarted);
  await store.close();
  const queries = queryTimings(book);
  const clustering = await clusteringInChild(readModels);
  const report = { events, customers: book.length, rebuildSeconds, readBookMs: Math.round(readMs), queries, clustering };
  writeResults(report);
  print(report);
}

async function eventsFileWith(events: number): Promise<string> {
  const file = join(CACHE, `events-${events}.sqlite`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${events} events into ${file} (once)...\n`);
  rmSync(`${file}.tmp`, { force: true });
  await generateEvents(`${file}.tmp`, events);
  renameSync(`${file}.tmp`, file);
  return file;
}

async function project(eventsFile: string, target: string): Promise<number> {
  const events = new UpcastingEventStore(SqliteEventStore.open(eventsFile, { synchronous: 'NORMAL' }), new Upcasters(CUSTOMER_UPCASTERS));
  const store = EmbeddedReadModelStore.open(target);
  const started = process.hrtime.bigint();
  await rebuildProjections(events, store, store, [customerAnalyticsProjection(defaultReadModelConfig)], {});
  const seconds = elapsedMs(started) / 1000;
  await events.close();
  await store.close();
  return Math.round(seconds * 10) / 10;
}

function queryTimings(book: readonly CustomerAnalytics[]): Record<string, { p50Ms: number; p99Ms: number }> {
  const period = { from: '2026-04-01', to: '2026-06-30' };
  const cohortQuery = (granularity: 'month' | 'quarter') => ({
    granularity,
    from: '2025-01-01T00:00:00.000Z',
    to: '2026-07-01T00:00:00.000Z',
    asOf: NOW.toISOString(),
  });
  const timings: Record<string, { p50Ms: number; p99Ms: number }> = {};
  for (const by of BREAKDOWN_DIMENSIONS)
    timings[`kpis by ${by}`] = timed(() => kpiBreakdown(book, by, period, NOW, defaultReadModelConfig));
  timings['cohorts by month'] = timed(() => cohortsView(book, cohortQuery('month'), CURRENCY));
  timings['cohorts by quarter'] = timed(() => cohortsView(book, cohortQuery('quarter'), CURRENCY));
  timings['customers by clv, first page'] = timed(() => pageByValue(customerValues(book, NOW), 50));
  return timings;
}

function timed(work: () => unknown): { p50Ms: number; p99Ms: number } {
  work();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    work();
    samples.push(elapsedMs(started));
  }
  return { p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)) };
}

async function clusteringInChild(readModels: string): Promise<Record<string, unknown>> {
  const [command, args] = benchCommand(SCRIPT, ['cluster', readModels]);
  const outcome = await runChild(command, args, { timeoutMs: 1_800_000, echoStderr: true });
  if (outcome.exitCode !== 0) return { failed: `exit ${outcome.exitCode}: ${outcome.stderr.slice(-300)}` };
  return JSON.parse(outcome.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

/** One run, k 2–8, seed 42, as `clusters run` makes it; peak RSS is this child's own. */
async function clusteringRun(readModels: string): Promise<Record<string, unknown>> {
  const store = EmbeddedReadModelStore.open(readModels);
  const book = await readAllCustomerAnalytics(store);
  await store.close();
  const rssBefore = process.resourceUsage().maxRSS;
  const started = process.hrtime.bigint();
  const run = clusterBehaviour(behaviourOf(book, NOW, CURRENCY), { minK: 2, maxK: 8, seed: 42 });
  return {
    customers: book.length,
    seconds: round(elapsedMs(started) / 1000),
    k: run.k,
    silhouette: round(run.silhouette),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeRunMiB: Math.round(rssBefore / 1024),
  };
}

function writeResults(report: object): void {
  const machine = { cores: cpus().length, node: process.version, loadAverage: loadavg().map(round) };
  writeFileSync(
    join(REPO_ROOT, 'bench', 'results', 'analytics.json'),
    `${JSON.stringify({ at: new Date().toISOString(), machine, ...report }, null, 2)}\n`,
  );
}

function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function print(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
