import type { EventStore } from '../event-store.port';
import { appendingCases, concurrencyCases } from './appending.contract-cases';
import type { Given } from './event-store.fixtures';
import { readingAllCases, readingStreamCases } from './reading.contract-cases';
import { subscriptionCases } from './subscribing.contract-cases';

export interface EventStoreContractOptions {
  /**
   * Whether an event id that is already stored makes an append a StreamRevisionConflict
   * (SQLite, in-memory: the default). EventStoreDB answers some repeats as idempotent
   * successes instead, so its spec turns this off and the cases show as skipped.
   */
  readonly rejectsDuplicateEventIds?: boolean;
}

/**
 * The behaviour every EventStore adapter must have (style.md §9). It assumes only what the
 * port promises: positions strictly increase (not contiguous, not from 1), the store may
 * hold other tests' events, and several test files may use it at once.
 */
export function eventStoreContract(
  name: string,
  create: () => Promise<EventStore>,
  teardown: (store: EventStore) => Promise<void> = (store) => store.close(),
  options: EventStoreContractOptions = {},
): void {
  describe(`${name} event store (contract)`, () => {
    let store: EventStore | undefined;
    const given: Given = () => {
      if (store === undefined) throw new Error('the store factory has not run');
      return store;
    };
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      if (store !== undefined) await teardown(store);
      store = undefined;
    });

    appendingCases(given, options.rejectsDuplicateEventIds ?? true);
    readingStreamCases(given);
    readingAllCases(given);
    subscriptionCases(given);
    concurrencyCases(given);
  });
}
