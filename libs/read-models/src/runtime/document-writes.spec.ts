import { InMemoryEventStore } from '@rapport/event-store';
import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';
import { fromScratch, snapshot } from '../contract/compare';
import { appendAll } from '../contract/event-store.helpers';
import { manyCustomersHistory } from '../contract/history.fixture';
import { allProjections } from '../projections/catalog';
import { FLUSH_DOCUMENTS_PER_WRITE, Projector } from '../projector';
import type { CollectionWrites, DocumentWrite, Fence, WriteResult } from '../read-model-store.port';
import { inTransactionsOf } from './document-writes';

const deletion = (id: string): DocumentWrite => ({ kind: 'delete', id });

describe('inTransactionsOf: writes split into transactions of a bounded size', () => {
  const writes: CollectionWrites[] = [
    { collection: 'a', writes: ['a1', 'a2', 'a3'].map(deletion) },
    { collection: 'b', writes: [] },
    { collection: 'c', writes: ['c1', 'c2', 'c3', 'c4', 'c5'].map(deletion) },
  ];

  it('keeps every write, in order, with no transaction above the size', () => {
    for (const size of [1, 2, 3, 4, 7, 8, 100]) {
      const transactions = inTransactionsOf(writes, size);
      const flattened = transactions.flat().flatMap((c) => c.writes.map((w) => `${c.collection}:${(w as { id: string }).id}`));
      expect(flattened).toEqual(['a:a1', 'a:a2', 'a:a3', 'c:c1', 'c:c2', 'c:c3', 'c:c4', 'c:c5']);
      for (const transaction of transactions) expect(transaction.reduce((n, c) => n + c.writes.length, 0)).toBeLessThanOrEqual(size);
      expect(transactions).toHaveLength(Math.ceil(8 / size));
    }
  });

  it('gives no transaction for no writes', () => {
    expect(inTransactionsOf([], 10)).toEqual([]);
    expect(inTransactionsOf([{ collection: 'a', writes: [] }], 10)).toEqual([]);
  });
});

describe("the rebuild mode's flush", () => {
  it('writes more documents than one transaction holds in several (one big flush held a shared SQLite file past the busy timeout)', async () => {
    const projections = allProjections();
    const events = new InMemoryEventStore();
    await appendAll(events, manyCustomersHistory(400));
    const store = EmbeddedReadModelStore.open(':memory:');
    const sizes: number[] = [];
    const recording = Object.create(store) as EmbeddedReadModelStore;
    recording.write = (batch: readonly CollectionWrites[], fence?: Fence): Promise<WriteResult> => {
      sizes.push(batch.reduce((n, c) => n + c.writes.length, 0));
      return store.write(batch, fence);
    };
    await new Projector(events, recording, projections, { exclusive: { names: (c) => c } }).catchUp();

    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(2 * FLUSH_DOCUMENTS_PER_WRITE);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(FLUSH_DOCUMENTS_PER_WRITE);
    expect(await snapshot(store, projections)).toEqual(await fromScratch(events, projections));
    await Promise.all([events.close(), store.close()]);
  });
});
