import { EPOCH, type Instant } from '@rapport/kernel';
import { perEventMemo } from './per-event-memo';
import type { ProjectedEvent } from './projected-event';
import { type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { evolveSegmentFacts, type SegmentFacts } from './segment-facts';
import { segmentKeyAt, timeDrivenMoves, type TimeRule } from './segment-moves';
import { SEGMENT_EVENTS } from './segments.projection';

export const SEGMENT_CHANGES = 'segment_changes_v1';
export const SEGMENT_LINEAGE_CUSTOMERS = 'segment_lineage_customers_v1';

export type SegmentChangeCause =
  | {
      readonly kind: 'event';
      readonly eventId: string;
      readonly type: string;
      readonly revision: number;
      readonly position: number;
      readonly occurredAt: string;
    }
  /** Judged from the facts as of `afterRevision` at the instant the rule's threshold was crossed. */
  | { readonly kind: 'time'; readonly rules: readonly TimeRule[]; readonly afterRevision: number };

/** One change of a customer's segment key (lifecycle stage included): business time, from, to, and why. */
export interface SegmentChange {
  readonly customerId: string;
  readonly at: string;
  /** Null for the customer's first segment, at acquisition. */
  readonly from: string | null;
  readonly to: string;
  readonly cause: SegmentChangeCause;
}

/** Where a customer's lineage stands: its facts, its key, and the instant up to which every change is recorded. */
export interface LineageCustomer {
  readonly customerId: string;
  readonly facts: SegmentFacts;
  readonly segment: string;
  readonly judgedAt: string;
  readonly revision: number;
}

interface Step {
  readonly changes: readonly (readonly [id: string, change: SegmentChange])[];
  readonly after: LineageCustomer | null;
}

/** Change ids sort as the changes happened within a customer: by revision, time-driven moves before the event's own change. */
export function segmentChangeId(customerId: string, revision: number, index: number): string {
  return `${customerId}:${String(revision).padStart(10, '0')}:${String(index).padStart(3, '0')}`;
}

/**
 * What an event does to a customer's lineage. First the time-driven moves between the instant judged
 * last and the event's business time, then the event's own change judged at that time. A back-dated
 * event is judged at the latest instant already judged, so the recorded keys never go back in time.
 */
export function lineageStep(event: ProjectedEvent, before: LineageCustomer | null, config: ReadModelConfig): Step {
  const facts = evolveSegmentFacts(before?.facts ?? null, event, config.segmentation);
  if (facts === null) return { changes: [], after: before };
  const judgedAt = latestOf(event.at, before?.judgedAt ?? null);
  const changes: [string, SegmentChange][] = [];
  if (before !== null)
    for (const { at, from, to, rules } of timeDrivenMoves(before.facts, before.judgedAt, judgedAt, config.segmentation))
      changes.push([
        segmentChangeId(event.customerId, event.revision, changes.length),
        { customerId: event.customerId, at, from, to, cause: { kind: 'time', rules, afterRevision: before.revision } },
      ]);
  const from = changes.at(-1)?.[1].to ?? before?.segment ?? null;
  const to = segmentKeyAt(facts, judgedAt, config.segmentation);
  if (to !== from)
    changes.push([segmentChangeId(event.customerId, event.revision, changes.length), eventChange(event, judgedAt, from, to)]);
  return { changes, after: { customerId: event.customerId, facts, segment: to, judgedAt, revision: event.revision } };
}

/** The later of two instants (canonical, so compared as text); an event without a business time is judged where the lineage stands. */
function latestOf(eventAt: Instant | null, judgedAt: Instant | null): Instant {
  if (eventAt === null) return judgedAt ?? EPOCH;
  return judgedAt !== null && judgedAt > eventAt ? judgedAt : eventAt;
}

function eventChange(event: ProjectedEvent, at: string, from: string | null, to: string): SegmentChange {
  const { eventId, type, revision, position } = event;
  return {
    customerId: event.customerId,
    at,
    from,
    to,
    cause: { kind: 'event', eventId, type, revision, position, occurredAt: event.at ?? at },
  };
}

export function segmentHistoryProjection(config: ReadModelConfig): Projection<LineageCustomer> {
  const step = perEventMemo((before: LineageCustomer | null, event: ProjectedEvent) => lineageStep(event, before, config));
  const state: DocumentRule<LineageCustomer, null> = {
    collection: SEGMENT_LINEAGE_CUSTOMERS,
    handles: SEGMENT_EVENTS,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => step(current, event).after,
  };
  const changes: DocumentRule<SegmentChange, LineageCustomer | null> = {
    collection: SEGMENT_CHANGES,
    handles: SEGMENT_EVENTS,
    idsOf: (event, before) => step(before, event).changes.map(([id]) => id),
    apply: (_current, event, before, id) => step(before, event).changes.find(([changeId]) => changeId === id)?.[1] ?? null,
  };
  return {
    name: 'segment-history',
    shapeVersion: 1,
    collections: [
      {
        name: SEGMENT_CHANGES,
        indexes: [
          // _id last: a customer's changes are read in id order, which the index then gives without sorting the documents.
          {
            name: 'by_customer',
            fields: [
              { field: 'customerId', direction: 'asc' },
              { field: '_id', direction: 'asc' },
            ],
          },
          { name: 'by_at', fields: [{ field: 'at', direction: 'asc' }] },
        ],
      },
      { name: SEGMENT_LINEAGE_CUSTOMERS, indexes: [] },
    ],
    state,
    documents: [changes],
  };
}
