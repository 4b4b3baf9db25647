import { isSatisfied, npsCategory, segmentKey, type SatisfactionRecorded } from '@rapport/customer-domain';
import { periodLabel, type Granularity } from '@rapport/kernel';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { evolveSegmentFacts, segmentAt, type SegmentFacts } from './segment-facts';

export const SATISFACTION_BUCKETS = 'satisfaction_buckets_v1';
export const SATISFACTION_CUSTOMERS = 'satisfaction_customers_v1';

export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];
export const BREAKDOWNS = ['overall', 'channel', 'touchpoint', 'segment'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * Survey answers of one period and one key (design.md §2: bucketed by occurredAt in UTC). Only
 * counts and sums are stored; CSAT, NPS and the average score are derived when read.
 */
export interface SatisfactionBucket {
  readonly granularity: Granularity;
  readonly period: string;
  readonly by: Breakdown;
  /** `all` for overall; the channel, touchpoint or segment key otherwise. */
  readonly key: string;
  readonly responses: number;
  readonly satisfied: number;
  readonly scoreSum: number;
  readonly npsResponses: number;
  readonly promoters: number;
  readonly detractors: number;
}

const SEGMENT_FACT_EVENTS = eventTypes(
  'CustomerAcquired',
  'CustomerActivated',
  'CustomerProfileUpdated',
  'TransactionRecorded',
  'CustomerChurned',
  'CustomerReactivated',
);

export function bucketId(granularity: Granularity, period: string, by: Breakdown, key: string): string {
  return `${granularity}|${period}|${by}|${key}`;
}

/** The twelve buckets an answer counts in; the segment is the customer's as of the answer's occurredAt. */
export function bucketIdsOf(event: ProjectedEvent, facts: SegmentFacts | null, config: ReadModelConfig): string[] {
  if (event.type !== 'SatisfactionRecorded' || event.at === null) return [];
  const at = new Date(event.at);
  const keys: Record<Breakdown, string> = {
    overall: 'all',
    channel: event.data.channel,
    touchpoint: event.data.touchpoint,
    segment: facts === null ? 'unknown' : segmentKey(segmentAt(facts, event.at, config.segmentation)),
  };
  const periods: Record<Granularity, string> = { day: event.at.slice(0, 10), week: periodLabel(at, 'week'), month: event.at.slice(0, 7) };
  return GRANULARITIES.flatMap((granularity) => BREAKDOWNS.map((by) => bucketId(granularity, periods[granularity], by, keys[by])));
}

export function applyToBucket(
  current: SatisfactionBucket | null,
  answer: SatisfactionRecorded['data'],
  id: string,
  config: ReadModelConfig,
): SatisfactionBucket {
  const bucket = current ?? emptyBucket(id);
  const { csat, nps } = answer;
  const category = nps === undefined ? undefined : npsCategory(nps, config.satisfaction);
  // Field by field, not a spread of `bucket`: buckets made here and returned before have different shapes.
  return {
    granularity: bucket.granularity,
    period: bucket.period,
    by: bucket.by,
    key: bucket.key,
    responses: bucket.responses + 1,
    satisfied: bucket.satisfied + (isSatisfied(csat, config.satisfaction) ? 1 : 0),
    scoreSum: bucket.scoreSum + csat,
    npsResponses: bucket.npsResponses + (category === undefined ? 0 : 1),
    promoters: bucket.promoters + (category === 'promoter' ? 1 : 0),
    detractors: bucket.detractors + (category === 'detractor' ? 1 : 0),
  };
}

function emptyBucket(id: string): SatisfactionBucket {
  const [granularity, period, by, ...key] = id.split('|');
  return {
    granularity: granularity as Granularity,
    period: period ?? '',
    by: by as Breakdown,
    key: key.join('|'),
    responses: 0,
    satisfied: 0,
    scoreSum: 0,
    npsResponses: 0,
    promoters: 0,
    detractors: 0,
  };
}

/** The routing state: the customer's segment facts, so an answer lands in the segment of its day. */
export interface SatisfactionCustomer {
  readonly facts: SegmentFacts;
}

export function satisfactionProjection(config: ReadModelConfig): Projection<SatisfactionCustomer> {
  const state: DocumentRule<SatisfactionCustomer, null> = {
    collection: SATISFACTION_CUSTOMERS,
    handles: SEGMENT_FACT_EVENTS,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => {
      const facts = evolveSegmentFacts(current?.facts ?? null, event, config.segmentation);
      return facts === null ? null : { facts };
    },
  };
  const buckets: DocumentRule<SatisfactionBucket, SatisfactionCustomer | null> = {
    collection: SATISFACTION_BUCKETS,
    handles: eventTypes('SatisfactionRecorded'),
    idsOf: (event, customer) => bucketIdsOf(event, customer?.facts ?? null, config),
    apply: (current, event, _facts, id) =>
      event.type === 'SatisfactionRecorded' ? applyToBucket(current, event.data, id, config) : current,
  };
  return {
    name: 'satisfaction',
    shapeVersion: 1,
    collections: [
      {
        name: SATISFACTION_BUCKETS,
        indexes: [
          {
            name: 'by_breakdown_period',
            fields: [
              { field: 'granularity', direction: 'asc' },
              { field: 'by', direction: 'asc' },
              { field: 'period', direction: 'asc' },
            ],
          },
        ],
      },
      { name: SATISFACTION_CUSTOMERS, indexes: [] },
    ],
    state,
    documents: [buckets],
  };
}
