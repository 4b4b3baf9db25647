import { aCollection, aDocument, idsOf, putAll, type Given } from './read-model-store.fixtures';

export function adminCases(given: Given): void {
  describe('collection administration', () => {
    const indexes = [{ name: 'by_period', fields: [{ field: 'period', direction: 'asc' as const }] }];

    it('ensureCollection creates the collection once and keeps its data when called again', async () => {
      const name = aCollection();
      await given().ensureCollection({ name, indexes });
      await putAll(given(), name, [aDocument('a', 1, { period: '2026-01' })]);
      await given().ensureCollection({ name, indexes });
      expect(await given().listCollections()).toContain(name);
      expect(await idsOf(given(), name)).toEqual(['a']);
    });

    it('ensureCollection takes a new definition of an index it made before (same name, other fields)', async () => {
      const name = aCollection();
      await given().ensureCollection({ name, indexes });
      await putAll(given(), name, [aDocument('a', 1, { period: '2026-01', key: 'x' })]);
      await given().ensureCollection({ name, indexes: [{ name: 'by_period', fields: [{ field: 'key', direction: 'desc' }] }] });
      expect(await idsOf(given(), name)).toEqual(['a']);
    });

    it('dropCollection removes a collection and its documents; dropping a missing one is fine', async () => {
      const name = aCollection();
      await putAll(given(), name, [aDocument('a', 1)]);
      await given().dropCollection(name);
      await given().dropCollection(aCollection());
      expect(await given().listCollections()).not.toContain(name);
      expect(await given().get(name, 'a')).toBeNull();
    });

    it('replaceCollection puts the source in the target place, dropping the old target', async () => {
      const [live, fresh] = [aCollection(), aCollection()];
      await given().ensureCollection({ name: live, indexes });
      await putAll(given(), live, [aDocument('old', 1, { period: '2025-12' })]);
      await putAll(given(), fresh, [aDocument('new', 2, { period: '2026-01' })]);
      await given().replaceCollection(fresh, { name: live, indexes });
      expect(await idsOf(given(), live)).toEqual(['new']);
      expect(await given().listCollections()).not.toContain(fresh);
      const found = await given().find(live, { filter: { period: '2026-01' }, sort: { field: 'period', direction: 'asc' }, limit: 5 });
      expect(found.documents).toEqual([aDocument('new', 2, { period: '2026-01' })]);
    });

    it('replaceCollection also works when the target does not exist yet', async () => {
      const [live, fresh] = [aCollection(), aCollection()];
      await putAll(given(), fresh, [aDocument('x', 1)]);
      await given().replaceCollection(fresh, { name: live, indexes: [] });
      expect(await idsOf(given(), live)).toEqual(['x']);
    });
  });
}
