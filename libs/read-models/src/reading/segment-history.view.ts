import { instantOf } from '@rapport/kernel';
import type { ReadModelConfig } from '../projections/read-model.config';
import type { LineageCustomer, SegmentChange } from '../projections/segment-history.projection';
import { segmentKeyAt, timeDrivenMoves } from '../projections/segment-moves';

/**
 * A customer's changes as of `now`: the stored ones (every change up to the last event's business
 * time), then the time-driven moves since, judged from the stored facts at the instant each became true.
 */
export function segmentHistory(
  stored: readonly SegmentChange[],
  lineage: LineageCustomer | null,
  now: Date,
  config: ReadModelConfig,
): SegmentChange[] {
  if (lineage === null) return [...stored];
  const since = timeDrivenMoves(lineage.facts, lineage.judgedAt, instantOf(now), config.segmentation);
  const pending = since.map(({ at, from, to, rules }): SegmentChange => ({
    customerId: lineage.customerId,
    at,
    from,
    to,
    cause: { kind: 'time', rules, afterRevision: lineage.revision },
  }));
  return [...stored, ...pending];
}

/**
 * The customer's segment key at an instant, or null when it was not yet a customer. Past the last
 * judged instant it is worked out from the stored facts; before it, the latest stored change at or
 * before the instant holds (changes are given in id order, so ties at one instant keep that order).
 */
export function segmentKeyAsOf(
  stored: readonly SegmentChange[],
  lineage: LineageCustomer | null,
  asOf: Date,
  config: ReadModelConfig,
): string | null {
  const instant = instantOf(asOf);
  if (lineage !== null && instant >= lineage.judgedAt) return segmentKeyAt(lineage.facts, instant, config.segmentation);
  let latest: SegmentChange | null = null;
  for (const change of stored) if (change.at <= instant && (latest === null || change.at >= latest.at)) latest = change;
  return latest?.to ?? null;
}

export interface SegmentMigration {
  readonly from: string | null;
  readonly to: string | null;
  readonly customers: number;
}

/** Counts the customers whose key differs between the two instants, per (from, to) pair, largest first. */
export function migrationMatrix(pairs: Iterable<readonly [from: string | null, to: string | null]>): SegmentMigration[] {
  const counts = new Map<string, SegmentMigration>();
  for (const [from, to] of pairs) {
    if (from === to) continue;
    const key = JSON.stringify([from, to]);
    const current = counts.get(key);
    counts.set(key, { from, to, customers: (current?.customers ?? 0) + 1 });
  }
  return [...counts.values()].sort(
    (a, b) => b.customers - a.customers || String(a.from).localeCompare(String(b.from)) || String(a.to).localeCompare(String(b.to)),
  );
}
