import { addMonths, DAY_MS, type Instant } from '@rapport/kernel';
import type { ReadModelConfig } from '../projections/read-model.config';
import type { SegmentMember } from '../projections/segments.projection';

/**
 * The first instant after `now` at which a member's view (memberView: segment and value
 * contribution) may differ from its view at `now`, its facts unchanged. The view depends on the
 * instant only through: the UTC day and month it falls in (behaviour window, RFM months); whole
 * days since the last transaction and since activation (recency, dormancy, "new"); and the
 * lifecycle thresholds newForDays, dormantAfterDays and matureAfterMonths. Each change of those
 * is one of the candidates below; segment-view-validity.spec.ts checks the claim against memberView.
 */
export function viewValidUntil(member: SegmentMember, now: Instant, config: ReadModelConfig): number {
  const at = Date.parse(now);
  const rules = config.segmentation.lifecycle;
  const candidates = [nextUtcMidnight(at)];
  const { activatedAt, lastTransactionAt } = member.facts;
  if (activatedAt !== null) {
    const activated = Date.parse(activatedAt);
    candidates.push(
      nextWholeDay(activated, at),
      activated + rules.newForDays * DAY_MS,
      addMonths(new Date(activated), rules.matureAfterMonths).getTime(),
    );
  }
  if (lastTransactionAt !== null) {
    const last = Date.parse(lastTransactionAt);
    candidates.push(nextWholeDay(last, at), last + rules.dormantAfterDays * DAY_MS);
  }
  return Math.min(...candidates.filter((candidate) => candidate > at));
}

function nextUtcMidnight(at: number): number {
  return (Math.floor(at / DAY_MS) + 1) * DAY_MS;
}

/** The next instant after `at` that lies a whole number of days from `origin`. */
function nextWholeDay(origin: number, at: number): number {
  return origin + (Math.floor((at - origin) / DAY_MS) + 1) * DAY_MS;
}
