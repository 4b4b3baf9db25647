import { EmbeddedReadModelStore, type ReadDocument, type ReadModelStore } from '@rapport/read-models';
import { ObservedWrites } from './observed-writes';

function listening(store: ReadModelStore, collection: string) {
  const observed = new ObservedWrites(store);
  const heard: (readonly ReadDocument[] | null)[] = [];
  observed.listen(collection, (documents) => heard.push(documents));
  return { observed, heard };
}

const put = (id: string, position: number) => ({ kind: 'put' as const, document: { _id: id, position, note: id }, guard: { kind: 'newer' as const } });

describe('ObservedWrites: what listeners hear of the projector writes', () => {
  it('tells a collection listener the documents each write stored, and nothing of other collections', async () => {
    const { observed, heard } = listening(EmbeddedReadModelStore.open(':memory:'), 'members');
    await observed.write([{ collection: 'members', writes: [put('a', 1), put('b', 2)] }, { collection: 'others', writes: [put('x', 3)] }]);
    expect(heard).toEqual([[put('a', 1).document, put('b', 2).document]]);
  });

  it('tells null, start afresh, after a write whose guard refused a document', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    await store.write([{ collection: 'members', writes: [put('a', 5)] }]);
    const { observed, heard } = listening(store, 'members');
    await observed.write([{ collection: 'members', writes: [put('a', 4), put('b', 6)] }]);
    expect(heard).toEqual([null]);
  });

  it('tells null and rethrows when a write fails, which may have stored part of it', async () => {
    const failing: ReadModelStore = {
      get: async () => null,
      getMany: async () => new Map(),
      find: async () => ({ documents: [], next: null }),
      write: async () => {
        throw new Error('store down');
      },
    };
    const { observed, heard } = listening(failing, 'members');
    await expect(observed.write([{ collection: 'members', writes: [put('a', 1)] }])).rejects.toThrow('store down');
    expect(heard).toEqual([null]);
  });
});
