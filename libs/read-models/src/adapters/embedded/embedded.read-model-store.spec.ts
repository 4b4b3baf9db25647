import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelStoreContract } from '../../contract/read-model-store.contract';
import { staleOwnerScenario } from '../../contract/stale-owner.scenario';
import { EmbeddedReadModelStore } from './embedded.read-model-store';

const directory = mkdtempSync(join(tmpdir(), 'rapport-embedded-read-models-'));
const file = join(directory, 'contract.sqlite');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

readModelStoreContract(
  'Embedded (SQLite)',
  async () => EmbeddedReadModelStore.open(file),
  (store) => store.close(),
  {
    reopen: async () => EmbeddedReadModelStore.open(file),
  },
);

describe('Embedded read-model store (its own behaviour)', () => {
  it('uses its expression indexes for a filtered, sorted find', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    await store.ensureCollection({
      name: 'buckets',
      indexes: [
        {
          name: 'by_period',
          fields: [
            { field: 'granularity', direction: 'asc' },
            { field: 'period', direction: 'asc' },
          ],
        },
      ],
    });
    const plan = (store as unknown as { db: { prepare(sql: string): { all(): { detail: string }[] } } }).db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM "rm_buckets" WHERE json_extract(doc, '$.granularity') = 'day' ORDER BY json_extract(doc, '$.period') ASC, id ASC`,
      )
      .all();
    expect(plan.map((row) => row.detail).join(' ')).toContain('ix_rm_buckets__by_period');
    await store.close();
  });

  it("copies its WAL into the database file in the background, not in the writer's commits", async () => {
    const own = join(directory, 'checkpointed.sqlite');
    const store = EmbeddedReadModelStore.open(own);
    await store.ensureCollection({ name: 'docs', indexes: [] });
    const sizeBefore = statSync(own).size;
    const padding = 'x'.repeat(2_000);
    for (let batch = 0; batch < 8; batch++) {
      const writes = Array.from({ length: 50 }, (_, i) => ({
        kind: 'put' as const,
        document: { _id: `d${batch}-${i}`, position: batch + 1, padding },
        guard: { kind: 'insert' as const },
      }));
      await store.write([{ collection: 'docs', writes }]);
    }
    // About 800 kB went to the WAL, fewer than the 1,000 pages at which SQLite would checkpoint in a commit: only the worker copies it.
    const deadline = Date.now() + 5_000;
    while (statSync(own).size < sizeBefore + 500_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(statSync(own).size).toBeGreaterThan(sizeBefore + 500_000);
    expect(await store.get('docs', 'd7-49')).toMatchObject({ position: 8 });
    await store.close();
  });
});

describe('Embedded read-model store on a file of an older release', () => {
  it('reads and writes the WITHOUT ROWID tables older releases made, and swaps a fresh table in over one', async () => {
    const old = join(directory, 'older-release.sqlite');
    const db = new Database(old);
    db.exec(`CREATE TABLE "rm_docs" (id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID`);
    db.prepare(`INSERT INTO "rm_docs" VALUES ('a', 1, ?)`).run(JSON.stringify({ _id: 'a', position: 1, n: 1 }));
    db.close();
    const store = EmbeddedReadModelStore.open(old);
    const result = await store.write([
      {
        collection: 'docs',
        writes: [
          { kind: 'put', document: { _id: 'a', position: 2, n: 2 }, guard: { kind: 'newer' } },
          { kind: 'put', document: { _id: 'b', position: 2, n: 3 }, guard: { kind: 'insert' } },
          { kind: 'put', document: { _id: 'b', position: 3, n: 4 }, guard: { kind: 'insert' } },
        ],
      },
    ]);
    expect(result).toEqual({ applied: 2, refused: ['b'] });
    expect((await store.find('docs', { limit: 10 })).documents).toEqual([
      { _id: 'a', position: 2, n: 2 },
      { _id: 'b', position: 2, n: 3 },
    ]);
    await store.ensureCollection({ name: 'docs__fresh', indexes: [] });
    await store.write([
      { collection: 'docs__fresh', writes: [{ kind: 'put', document: { _id: 'c', position: 5 }, guard: { kind: 'insert' } }] },
    ]);
    await store.replaceCollection('docs__fresh', { name: 'docs', indexes: [] });
    expect((await store.find('docs', { limit: 10 })).documents).toEqual([{ _id: 'c', position: 5 }]);
    await store.close();
  });
});

describe('Embedded read-model store shared by two processes', () => {
  staleOwnerScenario('two projectors on one file', async () => EmbeddedReadModelStore.open(join(directory, 'shared.sqlite')));
});
