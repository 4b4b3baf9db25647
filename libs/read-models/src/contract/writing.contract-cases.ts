import { aCollection, aDocument, idsOf, put, putAll, type Given } from './read-model-store.fixtures';

export function writingCases(given: Given): void {
  describe('writing and reading by id', () => {
    it('gives back what it stored: nested objects, arrays of objects, booleans, nulls; undefined fields are left out', async () => {
      const collection = aCollection();
      const stored = aDocument('a', 7, {
        name: 'x',
        count: 3,
        ratio: 0.25,
        flag: true,
        none: null,
        nested: { tier: 'Gold', days: [{ day: '2026-01-05', count: 2 }] },
      });
      await given().write([{ collection, writes: [put({ ...stored, missing: undefined })] }]);
      expect(await given().get(collection, 'a')).toEqual(stored);
      expect(Object.keys((await given().get(collection, 'a')) ?? {})).not.toContain('missing');
    });

    it('answers null for an unknown id and for a collection that does not exist', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('a', 1)]);
      expect(await given().get(collection, 'b')).toBeNull();
      expect(await given().get(aCollection(), 'a')).toBeNull();
      expect(await given().find(aCollection(), { limit: 10 })).toEqual({ documents: [], next: null });
    });

    it('getMany returns the documents that exist, by id', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('a', 1), aDocument('b', 2), aDocument('c', 3)]);
      const found = await given().getMany(collection, ['c', 'a', 'zz']);
      expect([...found.keys()].sort()).toEqual(['a', 'c']);
      expect(found.get('c')).toEqual(aDocument('c', 3));
      expect((await given().getMany(collection, [])).size).toBe(0);
    });
  });

  describe('guards', () => {
    it('insert refuses an id that exists and leaves it as it was', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('a', 1, { v: 'first' })]);
      const result = await given().write([
        { collection, writes: [put(aDocument('a', 9, { v: 'second' }), { kind: 'insert' }), put(aDocument('b', 1), { kind: 'insert' })] },
      ]);
      expect(result).toEqual({ applied: 1, refused: ['a'] });
      expect(await given().get(collection, 'a')).toEqual(aDocument('a', 1, { v: 'first' }));
      expect(await given().get(collection, 'b')).toEqual(aDocument('b', 1));
    });

    it('newer replaces a document with a lower position, refuses an equal or higher one, and applies the rest of the batch', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [
        aDocument('low', 5, { v: 'old' }),
        aDocument('same', 5, { v: 'old' }),
        aDocument('high', 9, { v: 'old' }),
      ]);
      const writes = [
        put(aDocument('same', 5, { v: 'new' })),
        put(aDocument('high', 6, { v: 'new' })),
        put(aDocument('low', 6, { v: 'new' })),
        put(aDocument('absent', 6, { v: 'new' })),
      ];
      const result = await given().write([{ collection, writes }]);
      expect(result.applied).toBe(2);
      expect([...result.refused].sort()).toEqual(['high', 'same']);
      const values = await given().getMany(collection, ['low', 'same', 'high', 'absent']);
      expect(Object.fromEntries([...values].map(([id, d]) => [id, [d.position, d.v]]))).toEqual({
        low: [6, 'new'],
        same: [5, 'old'],
        high: [9, 'old'],
        absent: [6, 'new'],
      });
    });

    it('expect replaces only when the stored field has the expected value, and never inserts', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('cp', 10, { generation: 'g1' })]);
      const refused = await given().write([
        { collection, writes: [put(aDocument('cp', 11, { generation: 'g1' }), { kind: 'expect', field: 'generation', value: 'g0' })] },
      ]);
      expect(refused).toEqual({ applied: 0, refused: ['cp'] });
      const applied = await given().write([
        { collection, writes: [put(aDocument('cp', 11, { generation: 'g1' }), { kind: 'expect', field: 'generation', value: 'g1' })] },
      ]);
      expect(applied).toEqual({ applied: 1, refused: [] });
      expect(await given().get(collection, 'cp')).toEqual(aDocument('cp', 11, { generation: 'g1' }));
      const absent = await given().write([
        { collection, writes: [put(aDocument('nope', 1), { kind: 'expect', field: 'generation', value: null })] },
      ]);
      expect(absent.refused).toEqual(['nope']);
      expect(await given().get(collection, 'nope')).toBeNull();
    });
  });

  describe('deleting and batches over several collections', () => {
    it('deletes documents; deleting an unknown id is not an error', async () => {
      const collection = aCollection();
      await putAll(given(), collection, [aDocument('a', 1), aDocument('b', 1)]);
      await given().write([
        {
          collection,
          writes: [
            { kind: 'delete', id: 'a' },
            { kind: 'delete', id: 'zz' },
          ],
        },
      ]);
      expect(await idsOf(given(), collection)).toEqual(['b']);
    });

    it('applies every collection of a batch', async () => {
      const [first, second] = [aCollection(), aCollection()];
      await given().write([
        { collection: first, writes: [put(aDocument('a', 1))] },
        { collection: second, writes: [put(aDocument('b', 2)), put(aDocument('c', 2))] },
      ]);
      expect([await idsOf(given(), first), await idsOf(given(), second)]).toEqual([['a'], ['b', 'c']]);
    });
  });
}
