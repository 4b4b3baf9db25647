import type { EventStore } from '../event-store.port';
import { appendingCases, concurrencyCases } from './appending.contract-cases';
import type { Given } from './event-store.fixtures';
import { readingAllCases, readingStreamCases } from './reading.contract-cases';
import { subscriptionCases } from './subscribing.contract-cases';

export interface EventStoreContractOptions {
  /**
   * What an append of an event id already stored does. `conflict` (SQLite, in-memory: the
   * default): a StreamRevisionConflict, nothing appended. `idempotent` (EventStoreDB): the same
   * events appended again at the same expected revision succeed with the first append's result
   * and write nothing, which the write loop's retry relies on (command-processor.ts).
   */
  readonly duplicateEventIds?: 'conflict' | 'idempotent';
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

    appendingCases(given, options.duplicateEventIds ?? 'conflict');
    readingStreamCases(given);
    readingAllCases(given);
    subscriptionCases(given);
    concurrencyCases(given);
  });
}
