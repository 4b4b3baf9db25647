/** A figure as the report shows it: the median of the measured runs, with every run kept. */
export interface Figure {
  readonly unit: string;
  readonly median: number;
  readonly runs: readonly number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function figure(unit: string, runs: readonly number[]): Figure {
  return { unit, median: median(runs), runs };
}

export function perSecond(count: number, nanoseconds: bigint): number {
  return count / (Number(nanoseconds) / 1e9);
}

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export function millisecondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
