import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOMER_UPCASTERS } from '@rapport/customer-domain';
import { SqliteEventStore, Upcasters, UpcastingEventStore } from '@rapport/event-store';
import { defaultReadModelConfig } from '@rapport/read-models';
import { KnownAtKpis } from '../../apps/rapport/src/queries/reports/known-at-kpis';
import { generateEvents } from '../rebuild/generate-events';
import { benchCommand, runChild } from '../src/support/child';
import { median } from '../src/support/stats';

const CACHE = join(tmpdir(), 'rapport-bench-known-at');
const SCRIPT = 'bench/known-at/known-at.bench.ts';

/**
 * Time to compute the KPIs of a period as known at an instant (GET /v1/kpis?knownAt=, and what
 * reproducing a report costs): every customer event is read from the SQLite store and the ones
 * recorded by the instant are folded by the KPI projection's rules. The generator records each event
 * at its business time, so an earlier knownAt leaves the later events out. Three runs per instant, the median.
 * Usage: npm run bench:known-at -- [events, default 1000000]
 */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'generate') {
    process.stdout.write(`${JSON.stringify(await generateEvents(args[0] ?? '', Number(args[1])))}\n`);
    return;
  }
  const target = Number(mode ?? 1_000_000);
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `events-${target}.sqlite`);
  if (!existsSync(file)) await generate(file, target);
  const store = new UpcastingEventStore(SqliteEventStore.open(file), new Upcasters(CUSTOMER_UPCASTERS));
  const kpis = new KnownAtKpis(store, defaultReadModelConfig);
  const rows = [];
  for (const knownAt of ['2025-10-01T00:00:00Z', '2026-07-01T00:00:00Z']) {
    const runs: number[] = [];
    let acquired = 0;
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      const { report } = await kpis.report('2025-07-01', '2025-09-30', new Date(knownAt));
      runs.push(Number(process.hrtime.bigint() - started) / 1e6);
      acquired = report.acquired;
    }
    rows.push({ knownAt, medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round), acquiredInQ3: acquired });
  }
  await store.close();
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ events: await countOf(file), rows, peakRssMb: rssMb }, null, 2)}\n`);
}

/** In a child process of its own, so that this one's peak RSS is the questions', not the generator's. */
async function generate(file: string, target: number): Promise<void> {
  const [command, args] = benchCommand(SCRIPT, ['generate', `${file}.tmp`, String(target)]);
  const outcome = await runChild(command, args, { timeoutMs: 900_000 });
  if (outcome.exitCode !== 0) throw new Error(`generating ${target} events failed: ${outcome.stderr}`);
  renameSync(`${file}.tmp`, file);
  process.stderr.write(`generated ${outcome.stdout.trim()}\n`);
}

async function countOf(file: string): Promise<number> {
  const store = SqliteEventStore.open(file);
  const head = await store.headPosition();
  await store.close();
  return head;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
