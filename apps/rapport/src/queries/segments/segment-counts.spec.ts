import fc from 'fast-check';
import {
  applyToSegmentMember,
  countMember,
  defaultReadModelConfig,
  EmbeddedReadModelStore,
  memberView,
  SEGMENT_MEMBERS,
  type ProjectedEvent,
  type ReadModelStore,
  type SegmentCount,
  type SegmentMember,
} from '@rapport/read-models';
import type { ProjectorHost } from '../../projections/projector-host';
import { ObservedWrites } from '../../projections/observed-writes';
import { scanMembers } from './segment-members.scan';
import { SegmentCounts } from './segment-counts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const config = defaultReadModelConfig;

/** Counts as the handler worked them out before SegmentCounts: one pass over every member document. */
async function countsByScan(store: ReadModelStore, now: Date): Promise<SegmentCount[]> {
  const counts = new Map<string, SegmentCount>();
  await scanMembers(store, {}, undefined, (member) => {
    countMember(counts, memberView(member, now, config));
    return true;
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.segment.localeCompare(b.segment));
}

type Step = { readonly kind: 'event'; readonly customer: number; readonly type: 'activate' | 'transact' | 'churn' | 'reactivate'; readonly after: number } | { readonly kind: 'ask'; readonly advance: number };

function eventFor(step: Extract<Step, { kind: 'event' }>, at: string): object {
  switch (step.type) {
    case 'activate':
      return { type: 'CustomerActivated', data: { occurredAt: at, product: 'cards' } };
    case 'transact':
      return { type: 'TransactionRecorded', data: { transactionId: `t-${at}`, amount: { amount: '10.00', currency: 'CNY' }, productCategory: 'cards', revenue: { amount: '2.00', currency: 'CNY' }, occurredAt: at } };
    case 'churn':
      return { type: 'CustomerChurned', data: { reason: 'moved', occurredAt: at } };
    case 'reactivate':
      return { type: 'CustomerReactivated', data: { occurredAt: at } };
  }
}

const anyStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), customer: fc.integer({ min: 0, max: 11 }), type: fc.constantFrom('activate' as const, 'transact' as const, 'churn' as const, 'reactivate' as const), after: fc.integer({ min: -40 * DAY_MS, max: 5 * DAY_MS }) }),
  fc.record({ kind: fc.constant('ask' as const), advance: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 120 * DAY_MS })) }),
);

describe('SegmentCounts: segment counts kept up to date', () => {
  it('answers as a pass over every member document would, as members change and time moves on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyStep, { minLength: 1, maxLength: 40 }), async (steps) => {
        const store = EmbeddedReadModelStore.open(':memory:');
        const writes = new ObservedWrites(store);
        const projector = { status: () => [{ name: 'segments', generation: 'g-1' }], onWritten: writes.listen.bind(writes) } as unknown as ProjectorHost;
        const counts = new SegmentCounts(store, config, projector);
        const members = new Map<number, SegmentMember>();
        let position = 0;
        let now = START;
        const write = async (customer: number, event: object, at: string) => {
          position += 1;
          const projected = { ...event, customerId: `c-${customer}`, position, revision: position, at } as ProjectedEvent;
          const next = applyToSegmentMember(members.get(customer) ?? null, projected, config);
          if (next === null) return;
          members.set(customer, next);
          await writes.write([{ collection: SEGMENT_MEMBERS, writes: [{ kind: 'put', document: { ...next, _id: `c-${customer}`, position }, guard: { kind: 'newer' } }] }]);
        };
        for (let customer = 0; customer < 12; customer++) {
          const at = new Date(START - (customer + 1) * 7 * DAY_MS).toISOString();
          await write(customer, { type: 'CustomerAcquired', data: { customerId: `c-${customer}`, occurredAt: at, customerType: customer % 2 ? 'corporate' : 'individual', channel: 'branch', assets: { amount: `${customer * 90_000}.00`, currency: 'CNY' }, riskProfile: 'C2' } }, at);
        }
        expect(await counts.countsAt(new Date(now))).toEqual(await countsByScan(store, new Date(now)));
        for (const step of steps) {
          if (step.kind === 'event') {
            const at = new Date(now + step.after).toISOString();
            await write(step.customer, eventFor(step, at), at);
            continue;
          }
          now += step.advance;
          expect(await counts.countsAt(new Date(now))).toEqual(await countsByScan(store, new Date(now)));
        }
        await store.close();
      }),
      { numRuns: 150 },
    );
  });

  it('starts afresh when asked about an earlier instant than before', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    const writes = new ObservedWrites(store);
    const projector = { status: () => [{ name: 'segments', generation: 'g-1' }], onWritten: writes.listen.bind(writes) } as unknown as ProjectorHost;
    const counts = new SegmentCounts(store, config, projector);
    const activated = { type: 'CustomerActivated', customerId: 'c-1', position: 2, revision: 1, at: '2026-01-02T00:00:00.000Z', data: { occurredAt: '2026-01-02T00:00:00.000Z', product: 'cards' } } as ProjectedEvent;
    const acquired = { type: 'CustomerAcquired', customerId: 'c-1', position: 1, revision: 0, at: '2026-01-01T00:00:00.000Z', data: { customerId: 'c-1', occurredAt: '2026-01-01T00:00:00.000Z', customerType: 'individual', channel: 'branch', assets: { amount: '10.00', currency: 'CNY' }, riskProfile: 'C1' } } as ProjectedEvent;
    const member = applyToSegmentMember(applyToSegmentMember(null, acquired, config), activated, config);
    await writes.write([{ collection: SEGMENT_MEMBERS, writes: [{ kind: 'put', document: { ...member, _id: 'c-1', position: 2 }, guard: { kind: 'newer' } }] }]);
    const later = new Date('2026-09-01T00:00:00.000Z');
    const earlier = new Date('2026-01-10T00:00:00.000Z');
    expect(await counts.countsAt(later)).toEqual(await countsByScan(store, later));
    expect(await counts.countsAt(earlier)).toEqual(await countsByScan(store, earlier));
    await store.close();
  });
});
