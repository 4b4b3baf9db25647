import type { CustomerEvent } from '@rapport/customer-domain';
import { InMemoryEventStore, type EventStore } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { appendAll, toAppend } from '../contract/event-store.helpers';
import { richHistory } from '../contract/history.fixture';
import { readProjectedEvents } from './read-events';

/** The same store seen through the port's required methods only, as a store without readAllWithoutMetadata is. */
function withoutLeanReads(store: EventStore): EventStore {
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

describe('reading a page of customer events for projections', () => {
  const history = richHistory();
  const [acquired, next] = history as [CustomerEvent, CustomerEvent];
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    await appendAll(store, [acquired]);
    await store.appendToStream('other-stream', [toAppend(next)], 'any');
    await store.appendToStream(
      customerStreamId(acquired.data.customerId),
      [{ ...toAppend(next), type: 'CustomerRenamedByANewerWriter' }],
      'any',
    );
    await appendAll(store, history.slice(1));
  });

  it('gives the customer events after the position, counting every customer-stream record read, unknown types included', async () => {
    const page = await readProjectedEvents(store, 0, 5);
    expect(page.count).toBe(5);
    expect(page.lastPosition).toBe(6);
    expect(page.events.map((e) => e.position)).toEqual([1, 4, 5, 6]);
    expect(page.events[0]).toMatchObject({
      type: 'CustomerAcquired',
      customerId: acquired.data.customerId,
      revision: 0,
      at: acquired.data.occurredAt,
    });
    expect(page.events[0]).not.toHaveProperty('metadata');
  });

  it('gives the same pages from a store that can only read with metadata', async () => {
    const head = await store.headPosition();
    for (let after = 0; after < head; after += 4) {
      expect(await readProjectedEvents(withoutLeanReads(store), after, 4)).toEqual(await readProjectedEvents(store, after, 4));
    }
  });

  it('reads an empty page past the head', async () => {
    expect(await readProjectedEvents(store, await store.headPosition(), 10)).toEqual({ events: [], count: 0, lastPosition: undefined });
  });
});
