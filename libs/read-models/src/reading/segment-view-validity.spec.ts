import fc from 'fast-check';
import type { ProjectedEvent } from '../projections/projected-event';
import { defaultReadModelConfig } from '../projections/read-model.config';
import { applyToSegmentMember, type SegmentMember } from '../projections/segments.projection';
import { memberView } from './segments.view';
import { viewValidUntil } from './segment-view-validity';

const DAY_MS = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');
const instantAt = (ms: number) => new Date(ms).toISOString();

/** A member built the way the projection builds it, from an acquisition, an optional activation, transactions and churn. */
function memberOf(
  acquiredAt: number,
  activatedAfter: number | null,
  transactionsAfter: readonly number[],
  isChurned: boolean,
  assets: string,
): SegmentMember {
  const at = (ms: number) => new Date(ms).toISOString();
  const events: unknown[] = [
    {
      type: 'CustomerAcquired',
      data: {
        customerId: 'c-1',
        occurredAt: at(acquiredAt),
        customerType: 'individual',
        channel: 'branch',
        assets: { amount: assets, currency: 'CNY' },
        riskProfile: 'C3',
      },
    },
    ...(activatedAfter === null
      ? []
      : [{ type: 'CustomerActivated', data: { occurredAt: at(acquiredAt + activatedAfter), product: 'cards' } }]),
    ...transactionsAfter.map((after, index) => ({
      type: 'TransactionRecorded',
      data: {
        transactionId: `t-${index}`,
        amount: { amount: '100.00', currency: 'CNY' },
        productCategory: 'cards',
        revenue: { amount: `${index + 1}.50`, currency: 'CNY' },
        occurredAt: at(acquiredAt + after),
      },
    })),
    ...(isChurned ? [{ type: 'CustomerChurned', data: { reason: 'moved', occurredAt: at(acquiredAt + 400 * DAY_MS) } }] : []),
  ];
  let member: SegmentMember | null = null;
  events.forEach((event, index) => {
    const data = (event as { data: { occurredAt: string } }).data;
    const projected = {
      ...(event as object),
      customerId: 'c-1',
      position: index + 1,
      revision: index,
      at: data.occurredAt,
    } as ProjectedEvent;
    member = applyToSegmentMember(member, projected, defaultReadModelConfig) ?? member;
  });
  if (member === null) throw new Error('no member');
  return member;
}

const anyMember = fc
  .record({
    acquiredAt: fc.integer({ min: START, max: START + 700 * DAY_MS }),
    activatedAfter: fc.option(fc.integer({ min: 0, max: 30 * DAY_MS })),
    transactionsAfter: fc.array(fc.integer({ min: 0, max: 500 * DAY_MS }), { maxLength: 12 }),
    isChurned: fc.boolean(),
    assets: fc.constantFrom('500.00', '60000.00', '900000.00', '12000000.00'),
  })
  .map(({ acquiredAt, activatedAfter, transactionsAfter, isChurned, assets }) => ({
    acquiredAt,
    member: memberOf(acquiredAt, activatedAfter, transactionsAfter, isChurned, assets),
  }));

describe('viewValidUntil: how long a segment member view holds', () => {
  it('memberView gives the same view at every instant from `now` up to the instant returned', () => {
    fc.assert(
      fc.property(
        anyMember,
        fc.integer({ min: -30 * DAY_MS, max: 800 * DAY_MS }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 6 }),
        ({ acquiredAt, member }, offset, fractions) => {
          const now = acquiredAt + offset;
          const until = viewValidUntil(member, instantAt(now), defaultReadModelConfig);
          expect(until).toBeGreaterThan(now);
          const view = memberView(member, instantAt(now), defaultReadModelConfig);
          const instants = [until - 1, ...fractions.map((f) => now + Math.floor(f * (until - now)))];
          for (const instant of instants) expect(memberView(member, instantAt(instant), defaultReadModelConfig)).toEqual(view);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never reaches past the next UTC midnight, where day and month windows move', () => {
    const member = memberOf(START, DAY_MS, [2 * DAY_MS], false, '60000.00');
    const now = '2025-03-10T17:45:00.000Z';
    expect(viewValidUntil(member, now, defaultReadModelConfig)).toBeLessThanOrEqual(Date.parse('2025-03-11T00:00:00.000Z'));
  });
});
