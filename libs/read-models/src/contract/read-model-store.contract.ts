import { adminCases } from './admin.contract-cases';
import { findingCases } from './finding.contract-cases';
import { leaseCases } from './lease.contract-cases';
import { aCollection, aDocument, putAll, type StoreUnderTest } from './read-model-store.fixtures';
import { worklistCases } from './worklist.contract-cases';
import { writingCases } from './writing.contract-cases';

export interface ReadModelStoreContractOptions {
  /** Opens the same store again (same file, same database) after `close`; checks that documents survive. */
  readonly reopen: (closed: StoreUnderTest) => Promise<StoreUnderTest>;
}

/**
 * The behaviour every read-model store adapter must have (style.md §9). Each case works in
 * collections of its own, so adapters may share one database with other tests.
 */
export function readModelStoreContract(
  name: string,
  create: () => Promise<StoreUnderTest>,
  teardown: (store: StoreUnderTest) => Promise<void>,
  options: ReadModelStoreContractOptions,
): void {
  describe(`${name} read-model store (contract)`, () => {
    let store: StoreUnderTest | undefined;
    const given = (): StoreUnderTest => {
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

    writingCases(given);
    findingCases(given);
    adminCases(given);
    worklistCases(given);
    leaseCases(given);

    it('keeps its documents across close and reopen', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('kept', 3, { v: 1 })]);
      await given().close();
      store = await options.reopen(given());
      expect(await given().get(collection, 'kept')).toEqual(aDocument('kept', 3, { v: 1 }));
    });
  });
}
