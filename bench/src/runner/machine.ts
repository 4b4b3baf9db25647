import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly sqlite: string;
  readonly betterSqlite3: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  readonly loadAverage: { start: number; end?: number };
}

export function describeMachine(): Machine {
  const db = new Database(':memory:');
  const sqlite = String(db.prepare('SELECT sqlite_version()').pluck().get());
  db.close();
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite,
    betterSqlite3: packageVersion('better-sqlite3'),
    loadAverage: { start: round(loadavg()[0] ?? 0) },
  };
}

export function withEndLoad(machine: Machine): Machine {
  return { ...machine, loadAverage: { ...machine.loadAverage, end: round(loadavg()[0] ?? 0) } };
}

function packageVersion(name: string): string {
  const manifest: unknown = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
