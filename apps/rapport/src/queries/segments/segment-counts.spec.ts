import fc from 'fast-check';
import { InMemoryEventStore, type JsonObject } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import {
  countMember,
  defaultReadModelConfig,
  EmbeddedReadModelStore,
  memberView,
  Projector,
  segmentCountsProjection,
  segmentsProjection,
  type Projection,
  type ReadModelStore,
  type SegmentCount,
} from '@rapport/read-models';
import type { ProjectorHost } from '../../projections/projector-host';
import { scanMembers } from './segment-members.scan';
import { SegmentCounts, SEGMENT_COUNTS_PROJECTION } from './segment-counts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const config = defaultReadModelConfig;

/** Counts as the handler worked them out before the segment-counts projection: one pass over every member document. */
async function countsByScan(store: ReadModelStore, now: Date): Promise<SegmentCount[]> {
  const counts = new Map<string, SegmentCount>();
  await scanMembers(store, {}, undefined, (member) => {
    countMember(counts, memberView(member, now.toISOString(), config));
    return true;
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.segment.localeCompare(b.segment));
}

/** Both projections fed each event as it is stored, a batch of their runtime at a time; the host reports the position reached. */
function projectedStore() {
  const events = new InMemoryEventStore();
  const store = EmbeddedReadModelStore.open(':memory:');
  const projections: Projection[] = [segmentsProjection(config), segmentCountsProjection(config) as Projection];
  const runtime = new Projector(events, store, projections, { exclusive: { names: (collection) => collection } });
  const status = { name: SEGMENT_COUNTS_PROJECTION, generation: 'g-1', position: 0 };
  const projector = { status: () => [status], readBetweenBatches: <T>(read: () => Promise<T>) => read() } as unknown as ProjectorHost;
  const apply = async (customer: number, event: { readonly type: string; readonly data: JsonObject }) => {
    const metadata = {
      correlationId: 'c',
      causationId: 'c',
      actor: 'test',
      channel: 'test',
      occurredAt: '',
      recordedAt: '',
      schemaVersion: 1,
      previousHash: null,
      hash: 'h',
    };
    await events.appendToStream(customerStreamId(`c-${customer}`), [{ id: `e-${status.position + 1}`, ...event, metadata }], 'any');
    status.position = await runtime.catchUp();
  };
  const close = () => Promise.all([events.close(), store.close()]);
  return { store, counts: new SegmentCounts(store, config, projector), apply, status, close };
}

type Step =
  | {
      readonly kind: 'event';
      readonly customer: number;
      readonly type: 'activate' | 'transact' | 'churn' | 'reactivate';
      readonly after: number;
    }
  | { readonly kind: 'ask'; readonly advance: number };

function eventFor(step: Extract<Step, { kind: 'event' }>, at: string): { readonly type: string; readonly data: JsonObject } {
  switch (step.type) {
    case 'activate':
      return { type: 'CustomerActivated', data: { occurredAt: at, product: 'cards' } };
    case 'transact':
      return {
        type: 'TransactionRecorded',
        data: {
          transactionId: `t-${at}`,
          amount: { amount: '10.00', currency: 'CNY' },
          productCategory: 'cards',
          revenue: { amount: '2.00', currency: 'CNY' },
          occurredAt: at,
        },
      };
    case 'churn':
      return { type: 'CustomerChurned', data: { reason: 'moved', occurredAt: at } };
    case 'reactivate':
      return { type: 'CustomerReactivated', data: { occurredAt: at } };
  }
}

const anyStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('event' as const),
    customer: fc.integer({ min: 0, max: 11 }),
    type: fc.constantFrom('activate' as const, 'transact' as const, 'churn' as const, 'reactivate' as const),
    after: fc.integer({ min: -40 * DAY_MS, max: 5 * DAY_MS }),
  }),
  fc.record({
    kind: fc.constant('ask' as const),
    advance: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 120 * DAY_MS })),
  }),
);

const acquired = (customer: number, at: string) => ({
  type: 'CustomerAcquired',
  data: {
    customerId: `c-${customer}`,
    occurredAt: at,
    customerType: customer % 2 ? 'corporate' : 'individual',
    channel: 'branch',
    assets: { amount: `${customer * 90_000}.00`, currency: 'CNY' },
    riskProfile: 'C2',
  },
});

describe('SegmentCounts: the stored segment counts corrected as of an instant', () => {
  it('answers as a pass over every member document would, as members change and time moves on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyStep, { minLength: 1, maxLength: 40 }), async (steps) => {
        const { store, counts, apply, close } = projectedStore();
        let now = START;
        const write = (customer: number, event: { readonly type: string; readonly data: JsonObject }) => apply(customer, event);
        for (let customer = 0; customer < 12; customer++) {
          const at = new Date(START - (customer + 1) * 7 * DAY_MS).toISOString();
          await write(customer, acquired(customer, at));
        }
        expect(await counts.countsAt(new Date(now))).toEqual(await countsByScan(store, new Date(now)));
        for (const step of steps) {
          if (step.kind === 'event') {
            const at = new Date(now + step.after).toISOString();
            await write(step.customer, eventFor(step, at));
            continue;
          }
          now += step.advance;
          expect(await counts.countsAt(new Date(now))).toEqual(await countsByScan(store, new Date(now)));
        }
        await close();
      }),
      { numRuns: 150 },
    );
  });

  it('starts afresh when asked about an earlier instant than before, and after a rebuilt generation', async () => {
    const { store, counts, apply, status, close } = projectedStore();
    await apply(1, acquired(1, '2026-01-01T00:00:00.000Z'));
    await apply(1, { type: 'CustomerActivated', data: { occurredAt: '2026-01-02T00:00:00.000Z', product: 'cards' } });
    const later = new Date('2026-09-01T00:00:00.000Z');
    const earlier = new Date('2026-01-10T00:00:00.000Z');
    expect(await counts.countsAt(later)).toEqual(await countsByScan(store, later));
    expect(await counts.countsAt(earlier)).toEqual(await countsByScan(store, earlier));
    status.generation = 'g-2';
    expect(await counts.countsAt(later)).toEqual(await countsByScan(store, later));
    await close();
  });

  it('follows a stored view that expires with time alone, no event between two questions', async () => {
    const { store, counts, apply, close } = projectedStore();
    await apply(1, acquired(1, '2026-01-01T00:00:00.000Z'));
    await apply(1, { type: 'CustomerActivated', data: { occurredAt: '2026-01-02T00:00:00.000Z', product: 'cards' } });
    const soonAfter = new Date('2026-01-02T01:00:00.000Z');
    const monthsLater = new Date('2026-07-01T00:00:00.000Z');
    const first = await counts.countsAt(soonAfter);
    expect(first).toEqual(await countsByScan(store, soonAfter));
    const later = await counts.countsAt(monthsLater);
    expect(later).toEqual(await countsByScan(store, monthsLater));
    expect(later).not.toEqual(first);
    await close();
  });

  it('answers questions asked at once as if asked one after another', async () => {
    const { store, counts, apply, close } = projectedStore();
    await apply(1, acquired(1, '2026-01-01T00:00:00.000Z'));
    const instants = ['2026-03-01', '2026-01-02', '2026-06-01'].map((day) => new Date(`${day}T00:00:00.000Z`));
    const answers = await Promise.all(instants.map((instant) => counts.countsAt(instant)));
    for (const [index, instant] of instants.entries()) expect(answers[index]).toEqual(await countsByScan(store, instant));
    await close();
  });
});
