import { CUSTOMER_UPCASTERS, type CustomerEvent } from '@rapport/customer-domain';
import { InMemoryEventStore, Upcasters, UpcastingEventStore } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { at, customerAcquired, customerActivated } from '@rapport/testing';
import { fromScratch } from '../contract/compare';
import { toAppend } from '../contract/event-store.helpers';
import { richHistory } from '../contract/history.fixture';
import { allProjections } from './catalog';

/** The event as schema version 1 stored it: no tier on activation, no tier window on either. */
function storedAsVersion1(event: CustomerEvent, appended: ReturnType<typeof toAppend>) {
  const { tierWindowStartDay: _window, ...data } = appended.data;
  const { tierAfter: _tier, ...activation } = data;
  if (event.type === 'CustomerActivated') return { ...appended, data: activation, metadata: { ...appended.metadata, schemaVersion: 1 } };
  if (event.type === 'TransactionRecorded') return { ...appended, data, metadata: { ...appended.metadata, schemaVersion: 1 } };
  return appended;
}

/** The rich history, and a customer whose activation is the last word on its loyalty. */
function history(): CustomerEvent[] {
  const justActivated = { customerId: 'cust-0003' };
  return [...richHistory(), customerAcquired(justActivated), customerActivated({ ...justActivated, occurredAt: at({ days: 5 }) })];
}

describe('projecting events stored in an old shape', () => {
  it('gives every read model the documents the same history in the current shape gives', async () => {
    const projections = allProjections();
    // The same event ids in both stores: the segment history names the event behind each change.
    const events = history().map((event, index) => ({ event, appended: { ...toAppend(event), id: `event-${index}` } }));
    const current = new InMemoryEventStore();
    const old = new InMemoryEventStore();
    for (const { event, appended } of events) {
      await current.appendToStream(customerStreamId(event.data.customerId), [appended], 'any');
      await old.appendToStream(customerStreamId(event.data.customerId), [storedAsVersion1(event, appended)], 'any');
    }
    const expected = await fromScratch(current, projections);
    expect(await fromScratch(new UpcastingEventStore(old, new Upcasters(CUSTOMER_UPCASTERS)), projections)).toEqual(expected);
    expect(expected['loyalty_accounts_v1']).toContainEqual(
      expect.objectContaining({ customerId: 'cust-0003', balance: 200, tier: 'Bronze' }),
    );
  });
});
