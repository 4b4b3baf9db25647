import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyStoreContract } from '../key-store.contract';
import { KeyDestroyed } from '../key-store.port';
import { InMemoryKeyStore } from './in-memory.key-store';
import { SqliteKeyStore } from './sqlite.key-store';
import Database from 'better-sqlite3';

const masterKey = randomBytes(32);
const sqliteFile = () => join(mkdtempSync(join(tmpdir(), 'rapport-keys-')), 'keys.sqlite');

keyStoreContract('in-memory', async () => new InMemoryKeyStore());
keyStoreContract('SQLite', async () => new SqliteKeyStore(sqliteFile(), masterKey));

describe('SQLite key store', () => {
  it('makes the keys asked for in one turn in one transaction, one key per customer', async () => {
    const file = sqliteFile();
    const keys = new SqliteKeyStore(file, masterKey);
    const customers = Array.from({ length: 50 }, (_, i) => `c-${i % 25}`);
    const handed = await Promise.all(customers.map((customer) => keys.keyFor(customer)));
    const stored = new Database(file, { readonly: true });
    const rows = stored.prepare('SELECT customer_id, key_id, created_at FROM data_keys').all() as {
      customer_id: string;
      key_id: string;
      created_at: string;
    }[];
    stored.close();
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((row) => row.created_at)).size).toBe(1);
    customers.forEach((customer, i) => expect(handed[i]?.keyId).toBe(rows.find((row) => row.customer_id === customer)?.key_id));
    await keys.close();
  });

  it('an erasure that meets a key still being made destroys that key', async () => {
    const keys = new SqliteKeyStore(sqliteFile(), masterKey);
    const making = keys.keyFor('c-1');
    await keys.destroy('c-1', new Date('2026-03-01T00:00:00Z'));
    const made = await making;
    expect(await keys.lookup('c-1')).toEqual({ status: 'destroyed', keyId: made.keyId, destroyedAt: '2026-03-01T00:00:00.000Z' });
    await expect(keys.keyFor('c-1')).rejects.toBeInstanceOf(KeyDestroyed);
    await keys.close();
  });

  it('keeps keys across reopening, wrapped so the file alone does not reveal them', async () => {
    const file = sqliteFile();
    const first = new SqliteKeyStore(file, masterKey);
    const key = await first.keyFor('c-1');
    await first.close();
    expect(readFileSync(file).includes(key.key)).toBe(false);
    const reopened = new SqliteKeyStore(file, masterKey);
    expect((await reopened.keyFor('c-1')).key.equals(key.key)).toBe(true);
    await reopened.close();
  });

  it('leaves no trace of a destroyed key in the file (secure_delete)', async () => {
    const file = sqliteFile();
    const keys = new SqliteKeyStore(file, masterKey);
    await keys.keyFor('c-1');
    await keys.keyFor('c-2');
    const wrapped = (id: string) =>
      new Database(file, { readonly: true }).prepare('SELECT wrapped_key FROM data_keys WHERE customer_id = ?').pluck().get(id) as Buffer;
    const [erased, kept] = [wrapped('c-1'), wrapped('c-2')];
    expect(Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f))).includes(erased)).toBe(true);
    await keys.destroy('c-1', new Date());
    const onDisk = () => Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    expect(onDisk().includes(erased)).toBe(false);
    await keys.close();
    expect(onDisk().includes(erased)).toBe(false);
    expect(onDisk().includes(kept)).toBe(true);
  });
});
