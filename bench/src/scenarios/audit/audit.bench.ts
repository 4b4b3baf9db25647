import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AuditService } from '../../../../apps/rapport/src/core';
import { Args } from '../../support/args';
import { commandBusOf, executeOn, openCore } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { figure, millisecondsSince, percentile, type Figure } from '../../support/stats';
import { historyInstant, longHistory } from './long-history';

/**
 * Scenario 6, audit: a customer with 1,000 and one with 10,000 events; the history read and
 * the state-as-of fold through the AuditService (each also appends its access-log entry, as in
 * the service, at the default synchronous FULL), beside better-sqlite3 reading the same rows.
 *
 * The AuditService keeps fold snapshots between calls (apps/rapport/src/audit/fold-snapshots.ts),
 * so the fold is measured three ways: `stateAsOf`, as of now with its snapshots cached by the
 * warm-up run (a running service asked again about a customer: it digests the stored bytes up to
 * the newest snapshot, to be sure they are the ones it folded, then reads and folds only what came after); `stateAsOfPast`, as of the middle of the history, also warm (it
 * starts from a periodic snapshot, then reads every later event and folds those within the
 * instant); and `stateAsOfCold`, as of now with every snapshot dropped before each call (the
 * first question about a customer: the whole stream read and folded).
 */
const SIZES = [1_000, 10_000] as const;
const CACHE_STATE: Readonly<Record<string, string>> = {
  stateAsOf: ' (as of now, fold snapshots warm)',
  stateAsOfPast: ' (as of mid-history, fold snapshots warm)',
  stateAsOfCold: ' (as of now, fold snapshots cold)',
};
const READER = { actor: 'bench', role: 'auditor', via: 'bench', correlationId: 'bench-audit' };

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const dataDir = args.text('data');
  const runs = args.number('runs', 3);
  const iterations = (events: number) => Math.max(10, Math.round(args.number('samples', 200) * (1_000 / events) ** 0.5));
  await build(dataDir);
  const core = await openCore(dataDir, 'FULL');
  const raw = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const rawRead = raw
    .prepare('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision')
    .raw();
  const audit = core.get(AuditService);
  const figures: Record<string, Figure> = {};
  try {
    for (const events of SIZES) {
      const customerId = `audit-${events}`;
      const operations = {
        history: async () => void (await audit.history(READER, customerId, 0, events)),
        stateAsOf: async () => void (await audit.stateAsOf(READER, customerId, new Date(), 'occurred')),
        stateAsOfPast: async () => void (await audit.stateAsOf(READER, customerId, historyInstant(events / 2), 'occurred')),
        stateAsOfCold: async () => {
          audit.forgetFoldSnapshots();
          await audit.stateAsOf(READER, customerId, new Date(), 'occurred');
        },
        rawRead: async () => void rawRead.all(`customer-${customerId}`),
        rawReadAndParse: async () => void rawRead.all(`customer-${customerId}`).forEach((row) => parseRow(row)),
      };
      for (const [name, operation] of Object.entries(operations)) {
        const [p50, p99] = await latencies(operation, iterations(events), runs);
        figures[`${name}.${events}.p50`] = p50;
        figures[`${name}.${events}.p99`] = p99;
        progress(`${name}${CACHE_STATE[name] ?? ''} of ${events} events: p50 ${p50.median.toFixed(2)} ms, p99 ${p99.median.toFixed(2)} ms`);
      }
    }
  } finally {
    raw.close();
    await core.close();
  }
  const foldSnapshots = 'stateAsOf and stateAsOfPast: fold snapshots cached (warm); stateAsOfCold: all dropped before each call';
  emitResult({
    scenario: 'audit',
    params: { runs, samplesAt1000: iterations(1_000), samplesAt10000: iterations(10_000), foldSnapshots },
    figures,
  });
}

/** Each customer's stream through the command bus (NORMAL: building is not what is measured). */
async function build(dataDir: string): Promise<void> {
  const core = await openCore(dataDir, 'NORMAL');
  const bus = commandBusOf(core);
  try {
    for (const events of SIZES) {
      let sequence = 0;
      for (const step of longHistory(`audit-${events}`, events)) await executeOn(bus, step, sequence++);
    }
  } finally {
    await core.close();
  }
}

/** p50 and p99 in ms of each run (after one warm-up run), as figures over the runs. */
async function latencies(operation: () => Promise<void>, samples: number, runs: number): Promise<[Figure, Figure]> {
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const times: number[] = [];
    for (let sample = 0; sample < samples; sample++) {
      const started = process.hrtime.bigint();
      await operation();
      times.push(millisecondsSince(started));
    }
    if (run === 0) continue;
    p50s.push(percentile(times, 50));
    p99s.push(percentile(times, 99));
  }
  return [figure('ms', p50s), figure('ms', p99s)];
}

/** What any reader of a row must do before using it: parse its two JSON columns. */
function parseRow(row: unknown): unknown[] {
  const [, , , , , data, metadata] = row as readonly unknown[];
  return [JSON.parse(String(data)), JSON.parse(String(metadata))];
}

runMain(main);
