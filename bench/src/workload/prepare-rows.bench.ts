import { join } from 'node:path';
import { Args } from '../support/args';
import { emitResult, runMain } from '../support/scenario-result';
import { figure } from '../support/stats';
import { customerMix, workloadShape } from './customer-mix';
import { eventRowsFor } from './event-rows';
import { writeRows } from './event-rows-file';

/** Writes seed-rows.jsonl and measured-rows.jsonl into --out for the peers (raw SQLite, Emmett). */
async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const mix = customerMix(workloadShape(args.has('quick')));
  const out = args.text('out');
  const [seedRows = [], measuredRows = []] = await eventRowsFor([mix.seed, [...mix.warmup, ...mix.runs.flat()]]);
  writeRows(join(out, 'seed-rows.jsonl'), seedRows);
  writeRows(join(out, 'measured-rows.jsonl'), measuredRows);
  const bytes = measuredRows.reduce((sum, row) => sum + row[4].length + row[5].length, 0) / measuredRows.length;
  emitResult({
    scenario: 'event-rows',
    params: { seedRows: seedRows.length, measuredRows: measuredRows.length },
    figures: { averageRowBytes: figure('bytes (data + metadata JSON)', [bytes]) },
  });
}

runMain(main);
