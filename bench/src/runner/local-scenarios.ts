import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from '../report/model';
import { REPO_ROOT, runChild } from '../support/child';
import { SYNCHRONOUS_MODES } from '../support/rapport-core';
import { measureWith, failureReason } from './children';
import type { RunOptions } from './options';

const MINUTE = 60_000;

/** Where each scenario keeps its files, and the flags every child gets. */
export interface Workspace {
  readonly dir: string;
  readonly options: RunOptions;
  readonly profileDir: string;
}

function common(workspace: Workspace): string[] {
  return workspace.options.isQuick ? ['--quick'] : [];
}

function profiling(workspace: Workspace, name: string): string[] {
  return workspace.options.isProfiling
    ? ['--cpu-prof', `--cpu-prof-dir=${workspace.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
}

/** The workload's event rows for the peers, and Rapport's seeded data dir: made once, copied per measurement. */
export async function prepareWorkload(workspace: Workspace): Promise<Outcome> {
  const rows = join(workspace.dir, 'rows');
  const seeded = join(workspace.dir, 'rapport-seed');
  mkdirSync(rows, { recursive: true });
  mkdirSync(seeded, { recursive: true });
  const prepared = await measureWith({
    script: 'bench/src/workload/prepare-rows.bench.ts',
    args: [`--out=${rows}`, ...common(workspace)],
    timeoutMs: 5 * MINUTE,
  });
  if (prepared.status !== 'measured') return prepared;
  return measureWith({
    script: 'bench/src/scenarios/append/append.bench.ts',
    args: ['--mode=seed', `--data=${seeded}`, ...common(workspace)],
    timeoutMs: 10 * MINUTE,
  });
}

export async function appendPath(workspace: Workspace): Promise<Record<string, Outcome>> {
  const outcomes: Record<string, Outcome> = {};
  for (const synchronous of SYNCHRONOUS_MODES) {
    for (const inFlight of [1, 64]) {
      const data = freshCopy(workspace, 'rapport-seed', `append-${synchronous}-${inFlight}`);
      outcomes[`append.${synchronous}.${inFlight}`] = await measureWith({
        script: 'bench/src/scenarios/append/append.bench.ts',
        args: ['--mode=measure', `--data=${data}`, `--sync=${synchronous}`, `--in-flight=${inFlight}`, ...common(workspace)],
        nodeFlags: profiling(workspace, `append-${synchronous}-${inFlight}`),
        timeoutMs: 10 * MINUTE,
      });
      rmSync(data, { recursive: true, force: true });
    }
  }
  return outcomes;
}

/** Rapport's adapter alone, raw better-sqlite3 and Emmett, on the same rows. */
export async function peers(workspace: Workspace): Promise<Record<string, Outcome>> {
  const outcomes: Record<string, Outcome> = {};
  const rows = join(workspace.dir, 'rows');
  for (const synchronous of SYNCHRONOUS_MODES) {
    for (const inFlight of [1, 64]) {
      outcomes[`store.${synchronous}.${inFlight}`] = await measureWith({
        script: 'bench/src/scenarios/store/store-append.bench.ts',
        args: [`--rows=${rows}`, `--file=${freshFile(workspace, 'store.sqlite')}`, `--sync=${synchronous}`, `--in-flight=${inFlight}`],
        timeoutMs: 10 * MINUTE,
      });
    }
    for (const batch of [1, 100, 1_000]) {
      outcomes[`raw.${synchronous}.${batch}`] = await measureWith({
        script: 'bench/src/scenarios/peers/raw-sqlite.bench.ts',
        args: [`--rows=${rows}`, `--file=${freshFile(workspace, 'raw.sqlite')}`, `--sync=${synchronous}`, `--batch=${batch}`],
        timeoutMs: 10 * MINUTE,
      });
    }
  }
  return { ...outcomes, ...(await emmett(workspace)) };
}

async function emmett(workspace: Workspace): Promise<Record<string, Outcome>> {
  const keys = ['emmett.shared.FULL', 'emmett.shared.NORMAL', 'emmett.default'];
  const installed = await ensurePeersInstalled();
  if (installed !== undefined) return Object.fromEntries(keys.map((key) => [key, installed]));
  const rows = join(workspace.dir, 'rows');
  const seeded = freshFile(workspace, 'emmett-seed.sqlite');
  const seed = await measureWith({
    script: 'bench/peers/emmett.bench.ts',
    args: ['--mode=seed', `--file=${seeded}`, `--rows=${join(rows, 'seed-rows.jsonl')}`],
    timeoutMs: 10 * MINUTE,
  });
  if (seed.status !== 'measured') return Object.fromEntries(keys.map((key) => [key, seed]));
  const quick = workspace.options.isQuick;
  const measure = (connection: string, extra: string[], warmup: number, perRun: number) =>
    measureWith({
      script: 'bench/peers/emmett.bench.ts',
      args: [
        '--mode=measure',
        `--seeded=${seeded}`,
        `--file=${freshFile(workspace, 'emmett.sqlite')}`,
        `--rows=${join(rows, 'measured-rows.jsonl')}`,
        `--connection=${connection}`,
        `--warmup=${warmup}`,
        `--per-run=${perRun}`,
        ...extra,
      ],
      timeoutMs: 10 * MINUTE,
    });
  return {
    'emmett.shared.FULL': await measure('shared', ['--sync=FULL'], quick ? 200 : 1_000, quick ? 500 : 3_000),
    'emmett.shared.NORMAL': await measure('shared', ['--sync=NORMAL'], quick ? 200 : 1_000, quick ? 500 : 3_000),
    'emmett.default': await measure('default', [], quick ? 50 : 200, quick ? 150 : 500),
  };
}

/** bench/peers is its own package (Emmett and sqlite3 stay out of the service's dependencies); installs it once. */
async function ensurePeersInstalled(): Promise<Outcome | undefined> {
  const peers = join(REPO_ROOT, 'bench', 'peers');
  if (existsSync(join(peers, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) return undefined;
  process.stderr.write('  installing bench/peers (Emmett, sqlite3 compiles from source: about a minute)\n');
  const installed = await runChild('npm', ['ci', '--prefix', peers, '--no-audit', '--no-fund'], { timeoutMs: 10 * MINUTE });
  if (installed.exitCode === 0) return undefined;
  return { status: 'not-available', reason: `npm ci in bench/peers failed, ${failureReason(installed.exitCode, installed.stderr)}` };
}

export async function http(workspace: Workspace): Promise<Outcome> {
  const quick = workspace.options.isQuick;
  return measureWith({
    script: 'bench/src/scenarios/http/http.bench.ts',
    args: [
      `--data=${freshDir(workspace, 'http')}`,
      `--customers=${quick ? 200 : 1_000}`,
      `--seconds=${quick ? 1 : 2}`,
      '--runs=3',
      '--rates=100,500,1000',
    ],
    timeoutMs: 20 * MINUTE,
  });
}

export async function audit(workspace: Workspace): Promise<Outcome> {
  return measureWith({
    script: 'bench/src/scenarios/audit/audit.bench.ts',
    args: [`--data=${freshDir(workspace, 'audit')}`, `--samples=${workspace.options.isQuick ? 30 : 100}`],
    nodeFlags: profiling(workspace, 'audit'),
    timeoutMs: 10 * MINUTE,
  });
}

/** Issue 14: the append path with free text sealed or not, with anchoring or not, and what one anchor costs. */
export async function privacy(workspace: Workspace): Promise<Outcome> {
  return measureWith({
    script: 'bench/src/scenarios/privacy/privacy.bench.ts',
    args: [`--data=${freshDir(workspace, 'privacy')}`, ...common(workspace)],
    nodeFlags: profiling(workspace, 'privacy'),
    timeoutMs: 10 * MINUTE,
  });
}

function freshCopy(workspace: Workspace, from: string, to: string): string {
  const target = join(workspace.dir, to);
  rmSync(target, { recursive: true, force: true });
  cpSync(join(workspace.dir, from), target, { recursive: true });
  return target;
}

function freshDir(workspace: Workspace, name: string): string {
  const dir = join(workspace.dir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A path for a new SQLite file, with any earlier file of that name and its WAL removed. */
function freshFile(workspace: Workspace, name: string): string {
  const file = join(workspace.dir, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return file;
}
