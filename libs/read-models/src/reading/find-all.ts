import type { FindQuery, Page, ReadDocument, ReadModelStore } from '../read-model-store.port';

const PAGE = 1_000;

/**
 * Every document matching `query`, read a page at a time in its sort order (`_id` by default). For a
 * filtered read, sort by a filtered field that an index holds: in `_id` order the embedded store walks
 * or sorts the whole collection (apps/rapport/src/queries/read-plans.spec.ts checks the callers).
 */
export async function findAll<D extends ReadDocument>(
  store: ReadModelStore,
  collection: string,
  query: Omit<FindQuery, 'limit' | 'after'> = {},
): Promise<D[]> {
  const documents: D[] = [];
  let after: string | null = null;
  do {
    const page: Page<D> = await store.find<D>(collection, { ...query, limit: PAGE, ...(after === null ? {} : { after }) });
    documents.push(...page.documents);
    after = page.next;
  } while (after !== null);
  return documents;
}
