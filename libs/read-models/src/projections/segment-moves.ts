import { addMonths, DAY_MS, epochDayOf, instantAt, type Instant } from '@rapport/kernel';
import { segmentKey, type SegmentationConfig, type SegmentDimensions } from '@rapport/customer-domain';
import { segmentAt, type SegmentFacts } from './segment-facts';

/** The policy thresholds that move a customer with time alone (segmentation.policy.ts). */
export type TimeRule = 'behaviour.windowDays' | 'lifecycle.newForDays' | 'lifecycle.dormantAfterDays' | 'lifecycle.matureAfterMonths';

/** A change of segment key that no event caused: the facts stayed, the instant crossed a threshold. */
export interface TimeMove {
  readonly at: string;
  readonly from: string;
  readonly to: string;
  readonly rules: readonly TimeRule[];
}

export function segmentKeyAt(facts: SegmentFacts, at: Instant, config: SegmentationConfig): string {
  return segmentKey(segmentAt(facts, at, config));
}

/**
 * Every time-driven change of the segment key after `from` up to and including `to`, each judged
 * at the instant it became true, from unchanged facts. The key depends on the instant only through
 * the behaviour window (a transaction day enters at its midnight and leaves `windowDays` later) and
 * the lifecycle thresholds, so checking those instants finds every change (segment-moves.spec.ts
 * compares with a day-by-day walk).
 */
export function timeDrivenMoves(facts: SegmentFacts, from: Instant, to: Instant, config: SegmentationConfig): TimeMove[] {
  const crossed = thresholdsCrossed(facts, Date.parse(from), Date.parse(to), config);
  if (crossed.length === 0) return [];
  const moves: TimeMove[] = [];
  let current = segmentAt(facts, from, config);
  for (const time of crossed) {
    const at = instantAt(time);
    const next = segmentAt(facts, at, config);
    const [before, after] = [segmentKey(current), segmentKey(next)];
    if (before !== after) moves.push({ at, from: before, to: after, rules: rulesBetween(current, next) });
    current = next;
  }
  return moves;
}

/** The threshold instants after `fromMs` up to `toMs`, in order. Runs for every event: the day entries are scanned in place. */
function thresholdsCrossed(facts: SegmentFacts, fromMs: number, toMs: number, config: SegmentationConfig): number[] {
  const rules = config.lifecycle;
  const instants = new Set<number>();
  const add = (instant: number) => {
    if (instant > fromMs && instant <= toMs) instants.add(instant);
  };
  const days = facts.recentTransactionDays;
  const windowMs = config.behaviour.windowDays * DAY_MS;
  for (let start = 0; start < days.length;) {
    const dayStart = epochDayOf(days.slice(start, start + 10)) * DAY_MS;
    add(dayStart);
    add(dayStart + windowMs);
    const space = days.indexOf(' ', start);
    start = space === -1 ? days.length : space + 1;
  }
  if (facts.activatedAt !== null) {
    const activated = Date.parse(facts.activatedAt);
    add(activated + rules.newForDays * DAY_MS);
    add(addMonths(new Date(activated), rules.matureAfterMonths).getTime());
  }
  if (facts.lastTransactionAt !== null) add(Date.parse(facts.lastTransactionAt) + rules.dormantAfterDays * DAY_MS);
  return [...instants].filter((instant) => Number.isFinite(instant)).sort((a, b) => a - b);
}

function rulesBetween(before: SegmentDimensions, after: SegmentDimensions): TimeRule[] {
  const rules: TimeRule[] = [];
  if (before.behaviour !== after.behaviour) rules.push('behaviour.windowDays');
  if (before.lifecycleStage !== after.lifecycleStage) rules.push(lifecycleRule(before.lifecycleStage, after.lifecycleStage));
  return rules;
}

/** Which threshold a stage change without an event crossed: leaving "new", falling dormant, or reaching maturity. */
function lifecycleRule(before: string, after: string): TimeRule {
  if (before === 'new') return 'lifecycle.newForDays';
  return after === 'dormant' ? 'lifecycle.dormantAfterDays' : 'lifecycle.matureAfterMonths';
}
