import type { Money } from '@rapport/kernel';
import { withMonthlyTransaction, type MonthlyActivity } from './activity';
import { minorUnitsOf } from './money-sums';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';
import { evolveSegmentFacts, type SegmentFacts } from './segment-facts';

export const SEGMENT_MEMBERS = 'segment_members_v1';

/**
 * One document per customer with what its segment and value contribution (RFM) are derived from.
 * Segment counts are worked out at query time from these facts and the query's "now": behaviour and
 * lifecycle stage move with time alone, so counts stored at event time would go stale.
 */
export interface SegmentMember {
  readonly customerId: string;
  readonly facts: SegmentFacts;
  /** Transactions and revenue (RFM currency) per month over the RFM window, for frequency and monetary scores. */
  readonly recentMonths: MonthlyActivity;
  /**
   * Own revenue to date − own acquisition cost, minor units of the value-contribution currency (a
   * decimal string: documents hold no bigint). Amounts in other currencies are left out: no FX.
   */
  readonly valueToDateMinor: string;
}

export const SEGMENT_EVENTS = eventTypes(
  'CustomerAcquired',
  'CustomerActivated',
  'CustomerProfileUpdated',
  'TransactionRecorded',
  'CustomerChurned',
  'CustomerReactivated',
);
/** RFM looks at 12 months (rfm.policy.ts); one more month is kept for a window that straddles a month end. */
const RFM_MONTHS = 12;

export function applyToSegmentMember(current: SegmentMember | null, event: ProjectedEvent, config: ReadModelConfig): SegmentMember | null {
  const facts = evolveSegmentFacts(current?.facts ?? null, event, config.segmentation);
  if (facts === null) return null;
  const recentMonths = current?.recentMonths ?? '';
  const valueToDateMinor = String(BigInt(current?.valueToDateMinor ?? '0') + valueChange(current, event, config));
  const at = event.at;
  if (event.type !== 'TransactionRecorded' || at === null) return { customerId: event.customerId, facts, recentMonths, valueToDateMinor };
  const revenue = event.data.revenue;
  const revenueMinor = revenue?.currency === config.segmentation.rfm.monetaryCurrency ? minorUnitsOf(revenue) : 0n;
  return {
    customerId: event.customerId,
    facts,
    recentMonths: withMonthlyTransaction(recentMonths, at.slice(0, 7), revenueMinor, RFM_MONTHS),
    valueToDateMinor,
  };
}

/** What an event adds to the value to date: its revenue, less the cost of the first acquisition. */
function valueChange(current: SegmentMember | null, event: ProjectedEvent, config: ReadModelConfig): bigint {
  const currency = config.segmentation.valueContribution.currency;
  const inCurrency = (money: Money | undefined): bigint => (money?.currency === currency ? minorUnitsOf(money) : 0n);
  if (event.type === 'TransactionRecorded') return inCurrency(event.data.revenue);
  if (event.type === 'CustomerAcquired' && current === null) return -inCurrency(event.data.acquisitionCost);
  return 0n;
}

export function segmentMemberRule(config: ReadModelConfig): DocumentRule<SegmentMember, null> {
  return {
    collection: SEGMENT_MEMBERS,
    handles: SEGMENT_EVENTS,
    idsOf: (event) => [event.customerId],
    apply: (current, event) => applyToSegmentMember(current, event, config),
  };
}

export function segmentsProjection(config: ReadModelConfig): Projection {
  return {
    name: 'segments',
    // 2: documents carry valueToDateMinor (the value-contribution band); version 1 ones lack it.
    shapeVersion: 2,
    collections: [
      {
        name: SEGMENT_MEMBERS,
        indexes: [
          {
            name: 'by_static_dimensions',
            // _id last: members are scanned in id order (segment-members.scan.ts), which the index then gives from the cursor on.
            fields: [
              { field: 'facts.customerType', direction: 'asc' },
              { field: 'facts.valueTier', direction: 'asc' },
              { field: 'facts.riskProfile', direction: 'asc' },
              { field: '_id', direction: 'asc' },
            ],
          },
        ],
      },
    ],
    documents: [segmentMemberRule(config)],
  };
}
