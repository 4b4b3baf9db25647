import { addMonths } from '@rapport/kernel';
import { segmentKey, type SegmentationConfig, type SegmentDimensions } from '@rapport/customer-domain';
import { segmentAt, type SegmentFacts } from './segment-facts';

const DAY_MS = 86_400_000;

/** The policy thresholds that move a customer with time alone (segmentation.policy.ts). */
export type TimeRule = 'behaviour.windowDays' | 'lifecycle.newForDays' | 'lifecycle.dormantAfterDays' | 'lifecycle.matureAfterMonths';

/** A change of segment key that no event caused: the facts stayed, the instant crossed a threshold. */
export interface TimeMove {
  readonly at: string;
  readonly from: string;
  readonly to: string;
  readonly rules: readonly TimeRule[];
}

export function segmentKeyAt(facts: SegmentFacts, at: number, config: SegmentationConfig): string {
  return segmentKey(segmentAt(facts, new Date(at), config));
}

/**
 * Every time-driven change of the segment key after `fromMs` up to and including `toMs`, each judged
 * at the instant it became true, from unchanged facts. The key depends on the instant only through
 * the behaviour window (a transaction day enters at its midnight and leaves `windowDays` later) and
 * the lifecycle thresholds, so checking those instants finds every change (segment-moves.spec.ts
 * compares with a day-by-day walk).
 */
export function timeDrivenMoves(facts: SegmentFacts, fromMs: number, toMs: number, config: SegmentationConfig): TimeMove[] {
  const moves: TimeMove[] = [];
  let current = segmentAt(facts, new Date(fromMs), config);
  for (const at of thresholdInstants(facts, config).filter((instant) => instant > fromMs && instant <= toMs)) {
    const next = segmentAt(facts, new Date(at), config);
    const [from, to] = [segmentKey(current), segmentKey(next)];
    if (from !== to) moves.push({ at: new Date(at).toISOString(), from, to, rules: rulesBetween(current, next) });
    current = next;
  }
  return moves;
}

function thresholdInstants(facts: SegmentFacts, config: SegmentationConfig): number[] {
  const rules = config.lifecycle;
  const instants: number[] = [];
  for (const entry of facts.recentTransactionDays.split(' ')) {
    if (entry === '') continue;
    const dayStart = Date.parse(`${entry.slice(0, 10)}T00:00:00.000Z`);
    instants.push(dayStart, dayStart + config.behaviour.windowDays * DAY_MS);
  }
  if (facts.activatedAt !== null) {
    const activated = Date.parse(facts.activatedAt);
    instants.push(activated + rules.newForDays * DAY_MS, addMonths(new Date(activated), rules.matureAfterMonths).getTime());
  }
  if (facts.lastTransactionAt !== null) instants.push(Date.parse(facts.lastTransactionAt) + rules.dormantAfterDays * DAY_MS);
  return [...new Set(instants.filter((instant) => Number.isFinite(instant)))].sort((a, b) => a - b);
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
