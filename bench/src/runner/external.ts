import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExternalFigure, ExternalOutcome } from '../report/model';
import { benchCommand, lastJsonObject, REPO_ROOT, runChild } from '../support/child';
import { failureReason } from './children';

/**
 * The benches other engineers own (bench/ingestion, bench/multi-instance, bench/rebuild, bench/console, bench/retention): every `*.bench.ts` there
 * runs as a child, like ours, through the register hook, with the services' addresses in its
 * environment and BENCH_QUICK=1 on a quick run. Its last JSON line is kept as printed, and
 * its figures are read from it: `rows: [{path|name|label|store, perSecond|eventsPerSecond|...}]`
 * (or a bare array of such rows) when it has them, else every top-level number. No JSON line:
 * "not available".
 */
export function externalBenches(folder: 'ingestion' | 'multi-instance' | 'signals' | 'rebuild' | 'console' | 'retention'): string[] {
  const dir = join(REPO_ROOT, 'bench', folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort()
    .map((file) => `bench/${folder}/${file}`);
}

export async function runExternal(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ExternalOutcome> {
  const [command, commandArgs] = benchCommand(script, args);
  const outcome = await runChild(command, commandArgs, { env, timeoutMs, echoStderr: true });
  const printed = lastJsonObject(outcome.stdout);
  if (outcome.exitCode !== 0 || printed === undefined) {
    const why = outcome.exitCode === 0 ? 'printed no JSON line' : failureReason(outcome.exitCode, outcome.stderr);
    return { status: 'not-available', script, reason: why };
  }
  const figures = figuresOf(printed);
  if (figures.length === 0) return { status: 'not-available', script, reason: 'its JSON line holds no figure' };
  return { status: 'measured', script, printed, figures };
}

function figuresOf(printed: Record<string, unknown>): ExternalFigure[] {
  const rows = Array.isArray(printed.rows) ? printed.rows.filter(isRecord) : [];
  const fromRows = rows.flatMap((row) => {
    const label = [row.path, row.name, row.label, row.scenario, row.store].find((value) => typeof value === 'string');
    return Object.entries(row)
      .filter(([key, value]) => typeof value === 'number' && /perSecond|PerSecond|rss|Rss|ms|Ms|seconds/.test(key))
      .map(([key, value]) => ({ label: `${String(label ?? 'row')}: ${key}`, value: Number(value) }));
  });
  if (fromRows.length > 0) return [...fromRows, ...topLevelNumbers(printed).filter((figure) => /ratio/i.test(figure.label))];
  return topLevelNumbers(printed);
}

function topLevelNumbers(printed: Record<string, unknown>): ExternalFigure[] {
  return Object.entries(printed)
    .filter(([, value]) => typeof value === 'number')
    .map(([label, value]) => ({ label, value: Number(value) }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
