import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The workload's events as rows on disk (JSON lines), so that every peer, whatever its
 * SQLite driver, appends exactly the rows Rapport appends. Nothing here loads a driver.
 */

/** One stored event as the peers write it: the columns of Rapport's events table. */
export type EventRow = readonly [streamId: string, revision: number, id: string, type: string, data: string, metadata: string];

export function writeRows(path: string, rows: readonly EventRow[]): void {
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

export async function readRows(path: string): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line !== '') rows.push(JSON.parse(line) as EventRow);
  }
  return rows;
}

/** Rows split as every peer measures them: a warm-up slice, then equal runs. */
export function splitRows<T>(
  rows: readonly T[],
  runs: number,
  warmupShare = 0.1,
): { warmup: readonly T[]; runs: readonly (readonly T[])[] } {
  const warmupCount = Math.floor(rows.length * warmupShare);
  const runLength = Math.floor((rows.length - warmupCount) / runs);
  return {
    warmup: rows.slice(0, warmupCount),
    runs: Array.from({ length: runs }, (_, run) => rows.slice(warmupCount + run * runLength, warmupCount + (run + 1) * runLength)),
  };
}
