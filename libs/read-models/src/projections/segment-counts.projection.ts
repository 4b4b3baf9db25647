import type { ContributionBand, SegmentDimensions } from '@rapport/customer-domain';
import { EPOCH } from '@rapport/kernel';
import { viewValidUntil } from '../reading/segment-view-validity';
import { countedView, type CountedView } from '../reading/segments.view';
import { perEventMemo } from './per-event-memo';
import type { ProjectedEvent } from './projected-event';
import type { DocumentRule, Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { applyToSegmentMember, SEGMENT_EVENTS, type SegmentMember } from './segments.projection';

export const SEGMENT_COUNTS = 'segment_counts_v1';
export const SEGMENT_COUNT_MEMBERS = 'segment_count_members_v1';

/**
 * A member as the stored counts hold it: counted under its view as of `judgedAt` (its latest
 * event's business time), a view that holds until `validUntil` (segment-view-validity.ts). At
 * any instant outside [judgedAt, validUntil) a query judges the member again from `member`.
 */
export interface CountedMember {
  readonly member: SegmentMember;
  readonly counted: CountedView;
  readonly judgedAt: string;
  /** Epoch milliseconds (a number: no date to format for every event of a rebuild). */
  readonly validUntil: number;
}

/** Members per segment key (and per band), as the members' stored views say. */
export interface SegmentTotal {
  readonly segment: string;
  readonly dimensions: SegmentDimensions;
  readonly count: number;
  readonly valueContribution: Readonly<Record<ContributionBand, number>>;
}

export function countedMember(before: CountedMember | null, event: ProjectedEvent, config: ReadModelConfig): CountedMember | null {
  const member = applyToSegmentMember(before?.member ?? null, event, config);
  if (member === null) return null;
  // A member whose events carry no readable time is judged at the epoch: any query judges it again.
  const judgedAt = event.at ?? before?.judgedAt ?? EPOCH;
  return { member, counted: countedView(member, judgedAt, config), judgedAt, validUntil: viewValidUntil(member, judgedAt, config) };
}

/** Adds (+1) or removes (-1) one counted view to a segment's total. */
export function withCounted(total: SegmentTotal | null, view: CountedView, by: 1 | -1): SegmentTotal {
  const current = total ?? {
    segment: view.segment,
    dimensions: view.dimensions,
    count: 0,
    valueContribution: { high: 0, medium: 0, low: 0 },
  };
  return {
    segment: current.segment,
    dimensions: current.dimensions,
    count: current.count + by,
    valueContribution: { ...current.valueContribution, [view.band]: current.valueContribution[view.band] + by },
  };
}

/**
 * Segment counts (api.md `/v1/segments`) kept as documents: one total per segment key, and per
 * customer the view it is counted under. An event moves its customer from one total to another.
 * Behaviour and lifecycle stage move with time alone, so the totals hold as of each member's own
 * judging instant; the query corrects the members whose view has expired (segment-counts.ts in the
 * service), found by the `validUntil` index.
 */
export function segmentCountsProjection(config: ReadModelConfig): Projection<CountedMember> {
  const after = perEventMemo((before: CountedMember | null, event: ProjectedEvent) => countedMember(before, event, config));
  const members: DocumentRule<CountedMember, null> = {
    collection: SEGMENT_COUNT_MEMBERS,
    handles: SEGMENT_EVENTS,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => after(current, event),
  };
  const totals: DocumentRule<SegmentTotal, CountedMember | null> = {
    collection: SEGMENT_COUNTS,
    handles: SEGMENT_EVENTS,
    idsOf: (event, before) => {
      const next = after(before, event);
      if (before !== null && next !== null && before.counted.segment === next.counted.segment && before.counted.band === next.counted.band)
        return [];
      return [...new Set([before?.counted.segment, next?.counted.segment].filter((segment) => segment !== undefined))];
    },
    apply: (current, event, before, id) => {
      const next = after(before, event);
      let total = current;
      if (before?.counted.segment === id) total = withCounted(total, before.counted, -1);
      if (next?.counted.segment === id) total = withCounted(total, next.counted, 1);
      return total;
    },
  };
  return {
    name: 'segment-counts',
    shapeVersion: 1,
    collections: [
      { name: SEGMENT_COUNTS, indexes: [{ name: 'by_position', fields: [{ field: 'position', direction: 'asc' }] }] },
      {
        name: SEGMENT_COUNT_MEMBERS,
        indexes: [
          { name: 'by_valid_until', fields: [{ field: 'validUntil', direction: 'asc' }] },
          { name: 'by_judged_at', fields: [{ field: 'judgedAt', direction: 'asc' }] },
          { name: 'by_position', fields: [{ field: 'position', direction: 'asc' }] },
        ],
      },
    ],
    state: members,
    documents: [totals as DocumentRule<object, CountedMember | null>],
  };
}
