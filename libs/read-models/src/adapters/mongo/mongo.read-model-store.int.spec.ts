import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../../../test/support/integration-server';
import { readModelStoreContract } from '../../contract/read-model-store.contract';
import { staleOwnerScenario } from '../../contract/stale-owner.scenario';
import { LEASES } from '../../read-model-store.port';
import { holdingId } from '../../runtime/lease';
import { LOOKUPS } from './mongo.lookup';
import type { StoredDocument } from './mongo.queries';
import { databaseIn, MongoReadModelStore } from './mongo.read-model-store';
import { carryOut, planWrites } from './mongo.writes';

describeWithServer('MONGO_URL', 'FerretDB', 'MongoDB read-model store', (url) => {
  const database = `rapport_contract_${randomBytes(4).toString('hex')}`;
  // Both ways of finding documents by id on the one server CI has: FerretDB evaluates the guarded filters of `indexed` too, only slower.
  for (const lookup of LOOKUPS) {
    readModelStoreContract(
      `MongoDB (${lookup} lookups)`,
      () => MongoReadModelStore.connect(url, { database, lookup }),
      (store) => store.close(),
      {
        reopen: () => MongoReadModelStore.connect(url, { database, lookup }),
      },
    );
  }

  const shared = `rapport_fencing_${randomBytes(4).toString('hex')}`;
  staleOwnerScenario('two projectors on one database', () => MongoReadModelStore.connect(url, { database: shared }));

  it("refuses a stale owner's put on a document its successor wrote, even when the stale lease check came first", async () => {
    const store = await MongoReadModelStore.connect(url, { database });
    const holding = (token: number) => ({ _id: holdingId('race', token), position: token, lease: 'race', token });
    const collection = `fence_race_${randomBytes(4).toString('hex')}`;
    try {
      await store.write([
        {
          collection: LEASES,
          writes: [1, 2].map((t) => ({ kind: 'put' as const, document: holding(t), guard: { kind: 'insert' as const } })),
        },
      ]);
      await store.write(
        [{ collection, writes: [{ kind: 'put', document: { _id: 'd', position: 5, by: 'successor' }, guard: { kind: 'newer' } }] }],
        { lease: 'race', token: 2 },
      );
      // As if the stale owner had checked its lease before the successor inserted race#2: only the document's own fence is left to refuse it.
      await store.write([{ collection: LEASES, writes: [{ kind: 'delete', id: holdingId('race', 2) }] }]);
      const stale = await store.write(
        [{ collection, writes: [{ kind: 'put', document: { _id: 'd', position: 9, by: 'stale' }, guard: { kind: 'newer' } }] }],
        { lease: 'race', token: 1 },
      );
      expect(stale).toEqual({ applied: 0, refused: ['d'] });
      expect(await store.get(collection, 'd')).toEqual({ _id: 'd', position: 5, by: 'successor' });
    } finally {
      await store.close();
    }
  });

  it('with indexed lookups, refuses a replace decided before another writer changed the document (compare-and-set)', async () => {
    const client = await MongoClient.connect(url);
    const collection = client.db(database).collection<StoredDocument>(`cas_${randomBytes(4).toString('hex')}`);
    try {
      await collection.insertOne({ _id: 'd', position: 5, by: 'first' });
      const late = { _id: 'd', position: 7, by: 'late' };
      const plan = await planWrites(collection, [{ kind: 'put', document: late, guard: { kind: 'newer' } }], 'indexed');
      await collection.replaceOne({ _id: 'd' }, { _id: 'd', position: 9, by: 'other' });
      expect(await carryOut(collection, plan, 'indexed')).toEqual({ applied: 0, refused: ['d'] });
      expect(await collection.findOne({ _id: 'd' })).toEqual({ _id: 'd', position: 9, by: 'other' });
    } finally {
      await client.close();
    }
  });

  it('replaces 250 documents of one collection in one write, each applied (FerretDB hangs on an update of 100 statements)', async () => {
    const store = await MongoReadModelStore.connect(url, { database });
    const collection = `many_replaces_${randomBytes(4).toString('hex')}`;
    const puts = (position: number) =>
      Array.from({ length: 250 }, (_, i) => ({
        kind: 'put' as const,
        document: { _id: `d${i}`, position },
        guard: { kind: 'newer' as const },
      }));
    try {
      await store.write([{ collection, writes: puts(1) }]);
      expect(await store.write([{ collection, writes: puts(2) }])).toEqual({ applied: 250, refused: [] });
      const page = await store.find<{ _id: string; position: number }>(collection, { limit: 300 });
      expect(page.documents.filter((document) => document.position === 2)).toHaveLength(250);
    } finally {
      await store.close();
    }
  });

  it('takes the database from the URL path, if there is one', () => {
    expect([databaseIn('mongodb://h:27017/'), databaseIn('mongodb://h:27017/analytics?w=1'), databaseIn('mongodb://a,b/x')]).toEqual([
      undefined,
      'analytics',
      'x',
    ]);
  });
});
