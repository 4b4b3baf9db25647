import type { ReadDocument } from '../read-model-store.port';
import { aCollection, aDocument, putAll, type Given } from './read-model-store.fixtures';

const buckets: ReadDocument[] = [
  aDocument('b1', 1, { granularity: 'day', period: '2026-01-01', key: 'branch', responses: 4, closed: true, tags: { tier: 'Gold' } }),
  aDocument('b2', 1, { granularity: 'day', period: '2026-01-02', key: 'app', responses: 2, closed: false, tags: { tier: 'Silver' } }),
  aDocument('b3', 1, { granularity: 'day', period: '2026-01-31', key: 'branch', responses: 4, tags: { tier: 'Gold' } }),
  aDocument('b4', 1, { granularity: 'day', period: '2026-02-01', key: 'app', responses: 9, closed: null, tags: { tier: 'Gold' } }),
  aDocument('b5', 1, { granularity: 'month', period: '2026-01', key: 'branch', responses: 8, closed: true, tags: { tier: 'Bronze' } }),
];

export function findingCases(given: Given): void {
  describe('finding', () => {
    let collection: string;
    beforeEach(async () => {
      collection = aCollection();
      await putAll(given(), collection, buckets);
    });
    const ids = async (query: Parameters<ReturnType<Given>['find']>[1]) =>
      (await given().find(collection, query)).documents.map((d) => d._id);

    it('matches equalities, string ranges (inclusive bounds) and $in, ANDed together', async () => {
      expect(await ids({ filter: { granularity: 'day', period: { $gte: '2026-01-01', $lte: '2026-01-31' } }, limit: 10 })).toEqual([
        'b1',
        'b2',
        'b3',
      ]);
      expect(await ids({ filter: { key: { $in: ['app'] }, responses: { $gt: 2 } }, limit: 10 })).toEqual(['b4']);
      expect(await ids({ filter: { responses: { $lt: 4 } }, limit: 10 })).toEqual(['b2']);
    });

    it('matches booleans, dotted fields, and null as "null or missing"', async () => {
      expect(await ids({ filter: { closed: true }, limit: 10 })).toEqual(['b1', 'b5']);
      expect(await ids({ filter: { 'tags.tier': 'Gold', granularity: 'day' }, limit: 10 })).toEqual(['b1', 'b3', 'b4']);
      expect(await ids({ filter: { closed: null }, limit: 10 })).toEqual(['b3', 'b4']);
    });

    it('sorts by one field either way, ties by id ascending', async () => {
      expect(await ids({ sort: { field: 'responses', direction: 'desc' }, limit: 10 })).toEqual(['b4', 'b5', 'b1', 'b3', 'b2']);
      expect(await ids({ sort: { field: 'period', direction: 'asc' }, filter: { granularity: 'day' }, limit: 10 })).toEqual([
        'b1',
        'b2',
        'b3',
        'b4',
      ]);
    });

    it('pages through every match exactly once with cursors, also across ties', async () => {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await given().find(collection, { sort: { field: 'responses', direction }, limit: 2, ...(after ? { after } : {}) });
          seen.push(...page.documents.map((d) => d._id));
          after = page.next ?? undefined;
        } while (after !== undefined);
        expect(seen).toEqual(direction === 'asc' ? ['b2', 'b1', 'b3', 'b5', 'b4'] : ['b4', 'b5', 'b1', 'b3', 'b2']);
      }
    });

    it('pages by id by default and says when there is no next page', async () => {
      const first = await given().find(collection, { filter: { key: 'branch' }, limit: 2 });
      expect(first.documents.map((d) => d._id)).toEqual(['b1', 'b3']);
      const second = await given().find(collection, { filter: { key: 'branch' }, limit: 2, after: first.next ?? '' });
      expect(second).toEqual({ documents: [buckets[4]], next: null });
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(given().find(collection, { limit: 2, after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid-cursor' });
    });
  });
}
