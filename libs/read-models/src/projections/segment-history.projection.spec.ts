import { at, cny, customerAcquired, customerActivated, customerProfileUpdated, transactionRecorded } from '@rapport/testing';
import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';
import { applyBatch, stored } from '../contract/projection-harness';
import { defaultReadModelConfig } from './read-model.config';
import { segmentHistory } from '../reading/segment-history.view';
import {
  SEGMENT_CHANGES,
  SEGMENT_LINEAGE_CUSTOMERS,
  segmentHistoryProjection,
  type LineageCustomer,
  type SegmentChange,
} from './segment-history.projection';
import type { Stamped } from './projection';

const config = defaultReadModelConfig;
const projection = segmentHistoryProjection(config);

async function project(events: ReturnType<typeof stored>) {
  const store = EmbeddedReadModelStore.open(':memory:');
  for (const event of events) await applyBatch(store, projection, [event]);
  const changes = (await store.find<Stamped<SegmentChange>>(SEGMENT_CHANGES, { limit: 100 })).documents;
  const lineage = await store.get<Stamped<LineageCustomer>>(SEGMENT_LINEAGE_CUSTOMERS, 'cust-0001');
  await store.close();
  return { changes: changes.map(({ at: when, from, to, cause }) => ({ at: when, from, to, cause })), lineage };
}

// T0 is 2026-01-05T09:00Z. Activated at T0 + 1 day; "new" lasts 90 days (design.md §2), so it ends at
// T0 + 91 days = 2026-04-06T09:00Z, and with no transaction the customer is then dormant.
describe('segment history: every change of the segment key with its cause', () => {
  const history = [
    customerAcquired({ assets: cny('100.00') }),
    customerActivated({ occurredAt: at({ days: 1 }) }),
    customerProfileUpdated({ assets: cny('80000.00'), occurredAt: at({ days: 20 }) }),
  ];
  const events = stored(history);

  it('keeps the acquisition and each event that moved the customer, with event id, type, revision and business time', async () => {
    const { changes } = await project(events);
    expect(changes).toEqual([
      {
        at: at(),
        from: null,
        to: 'individual.mass.C3.none.prospect',
        cause: { kind: 'event', eventId: 'e-0', type: 'CustomerAcquired', revision: 0, position: 10, occurredAt: at() },
      },
      {
        at: at({ days: 1 }),
        from: 'individual.mass.C3.none.prospect',
        to: 'individual.mass.C3.none.new',
        cause: { kind: 'event', eventId: 'e-1', type: 'CustomerActivated', revision: 1, position: 20, occurredAt: at({ days: 1 }) },
      },
      {
        at: at({ days: 20 }),
        from: 'individual.mass.C3.none.new',
        to: 'individual.affluent.C3.none.new',
        cause: { kind: 'event', eventId: 'e-2', type: 'CustomerProfileUpdated', revision: 2, position: 30, occurredAt: at({ days: 20 }) },
      },
    ]);
  });

  it('adds the time-driven move at the instant it became true, with the rule, when read later', async () => {
    const { changes, lineage } = await project(events);
    const history = segmentHistory(
      changes.map((c) => ({ ...c, customerId: 'cust-0001' })),
      lineage,
      new Date(at({ days: 120 })),
      config,
    );
    expect(history.slice(3)).toEqual([
      {
        customerId: 'cust-0001',
        at: '2026-04-06T09:00:00.000Z',
        from: 'individual.affluent.C3.none.new',
        to: 'individual.affluent.C3.none.dormant',
        cause: { kind: 'time', rules: ['lifecycle.newForDays'], afterRevision: 2 },
      },
    ]);
  });

  it('stores the time-driven moves an event arrives after, before the event’s own change', async () => {
    const { changes } = await project(stored([...history, transactionRecorded({ transactionId: 't-1', occurredAt: at({ days: 100 }) })]));
    expect(changes.slice(3).map(({ at: when, from, to, cause }) => ({ when, from, to, kind: cause.kind }))).toEqual([
      {
        when: '2026-04-06T09:00:00.000Z',
        from: 'individual.affluent.C3.none.new',
        to: 'individual.affluent.C3.none.dormant',
        kind: 'time',
      },
      { when: at({ days: 100 }), from: 'individual.affluent.C3.none.dormant', to: 'individual.affluent.C3.low.active', kind: 'event' },
    ]);
  });

  it('leaves the documents as they are when the same events are applied again', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    await applyBatch(store, projection, events);
    const once = (await store.find(SEGMENT_CHANGES, { limit: 100 })).documents;
    await applyBatch(store, projection, events);
    expect((await store.find(SEGMENT_CHANGES, { limit: 100 })).documents).toEqual(once);
    await store.close();
  });
});
