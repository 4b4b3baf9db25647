import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelStoreContract } from '../../contract/read-model-store.contract';
import { staleOwnerScenario } from '../../contract/stale-owner.scenario';
import { encodeCursor } from '../../cursor';
import { ReadModelStoreUnavailable } from '../../read-model-store.errors';
import type { SqlValue } from './embedded.sql';
import { EmbeddedReadModelStore } from './embedded.read-model-store';
import { pageSql } from './embedded.sql';

const directory = mkdtempSync(join(tmpdir(), 'rapport-embedded-read-models-'));
const file = join(directory, 'contract.sqlite');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** SQLite's plan for `sql` on the store's own connection, its steps joined by ` | `. */
function planOf(store: EmbeddedReadModelStore, sql: string, params: readonly SqlValue[] = []): string {
  const { db } = store as unknown as { db: Database.Database };
  const rows = db.prepare<SqlValue[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params);
  return rows.map((row) => row.detail).join(' | ');
}

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
    const plan = planOf(
      store,
      `SELECT id FROM "rm_buckets" WHERE json_extract(doc, '$.granularity') = 'day' ORDER BY json_extract(doc, '$.period') ASC, id ASC`,
    );
    expect(plan).toContain('ix_rm_buckets__by_period');
    await store.close();
  });

  // Pages after the first used to read every row before their cursor again (a sweep of 90,000
  // complaints took 41 s); each now starts at its cursor.
  it('starts a page sorted by a field at its cursor, through the index on that field', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    await store.ensureCollection({ name: 'complaints', indexes: [{ name: 'by_due', fields: [{ field: 'dueAt', direction: 'asc' }] }] });
    for (const direction of ['asc', 'desc'] as const) {
      const after = encodeCursor({ value: '2026-02-01T00:00:00.000Z', id: 'c7' });
      const { sql, params } = pageSql({ filter: { status: 'open' }, sort: { field: 'dueAt', direction }, limit: 500, after });
      expect(planOf(store, `SELECT id, position, doc FROM "rm_complaints"${sql}`, params)).toMatch(
        /^SEARCH rm_complaints USING INDEX ix_rm_complaints__by_due \(<expr>[<>]\?\)/,
      );
    }
    await store.close();
  });

  it('pages in id order from its cursor through an index that ends with _id', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    const fields = [
      { field: 'runId', direction: 'asc' as const },
      { field: '_id', direction: 'asc' as const },
    ];
    await store.ensureCollection({ name: 'members', indexes: [{ name: 'by_run', fields }] });
    const { sql, params } = pageSql({ filter: { runId: 'r1' }, limit: 500, after: encodeCursor({ value: 'm7', id: 'm7' }) });
    expect(planOf(store, `SELECT id, position, doc FROM "rm_members"${sql}`, params)).toBe(
      'SEARCH rm_members USING INDEX ix_rm_members__by_run (<expr>=? AND id>?)',
    );
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

describe('Embedded read-model store waiting for the write lock', () => {
  const put = (id: string) => ({ kind: 'put' as const, document: { _id: id, position: 1 }, guard: { kind: 'insert' as const } });

  it("waits for another connection's write lock with its thread free, then writes", async () => {
    const own = join(directory, 'locked.sqlite');
    const store = EmbeddedReadModelStore.open(own);
    await store.ensureCollection({ name: 'docs', indexes: [] });
    const rival = new Database(own);
    try {
      rival.exec('BEGIN IMMEDIATE');
      const attempts = jest.spyOn(store as unknown as { withoutLockWait: () => unknown }, 'withoutLockWait');
      let isSettled = false;
      const writing = store.write([{ collection: 'docs', writes: [put('d1')] }]).finally(() => (isSettled = true));
      // The store tries the lock again while this test's own turns of the event loop run between its tries:
      // a thread asleep in SQLite's busy handler would try once and give up before this test ran again.
      while (attempts.mock.calls.length < 3 && !isSettled) await new Promise((resolve) => setImmediate(resolve));
      expect(isSettled).toBe(false);
      rival.exec('COMMIT');
      await expect(writing).resolves.toEqual({ applied: 1, refused: [] });
      expect(await store.get('docs', 'd1')).toMatchObject({ position: 1 });
    } finally {
      if (rival.inTransaction) rival.exec('ROLLBACK');
      rival.close();
      await store.close();
    }
  });

  it('gives up as unavailable once the lock stayed taken for its busy timeout', async () => {
    const own = join(directory, 'locked-long.sqlite');
    const store = EmbeddedReadModelStore.open(own, { busyTimeoutMs: 50 });
    await store.ensureCollection({ name: 'docs', indexes: [] });
    const rival = new Database(own);
    try {
      rival.exec('BEGIN IMMEDIATE');
      await expect(store.write([{ collection: 'docs', writes: [put('d1')] }])).rejects.toBeInstanceOf(ReadModelStoreUnavailable);
      rival.exec('ROLLBACK');
      expect(await store.write([{ collection: 'docs', writes: [put('d1')] }])).toEqual({ applied: 1, refused: [] });
    } finally {
      if (rival.inTransaction) rival.exec('ROLLBACK');
      rival.close();
      await store.close();
    }
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
