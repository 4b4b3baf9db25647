import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelStoreContract } from '../../contract/read-model-store.contract';
import { EmbeddedReadModelStore } from './embedded.read-model-store';

const directory = mkdtempSync(join(tmpdir(), 'rapport-embedded-read-models-'));
const file = join(directory, 'contract.sqlite');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

readModelStoreContract('Embedded (SQLite)', async () => EmbeddedReadModelStore.open(file), (store) => store.close(), {
  reopen: async () => EmbeddedReadModelStore.open(file),
});

describe('Embedded read-model store (its own behaviour)', () => {
  it('uses its expression indexes for a filtered, sorted find', async () => {
    const store = EmbeddedReadModelStore.open(':memory:');
    await store.ensureCollection({ name: 'buckets', indexes: [{ name: 'by_period', fields: [{ field: 'granularity', direction: 'asc' }, { field: 'period', direction: 'asc' }] }] });
    const plan = (store as unknown as { db: { prepare(sql: string): { all(): { detail: string }[] } } }).db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM "rm_buckets" WHERE json_extract(doc, '$.granularity') = 'day' ORDER BY json_extract(doc, '$.period') ASC, id ASC`)
      .all();
    expect(plan.map((row) => row.detail).join(' ')).toContain('ix_rm_buckets__by_period');
    await store.close();
  });
});
