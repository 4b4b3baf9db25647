import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyStoreContract } from '../key-store.contract';
import { InMemoryKeyStore } from './in-memory.key-store';
import { SqliteKeyStore } from './sqlite.key-store';
import Database from 'better-sqlite3';

const masterKey = randomBytes(32);
const sqliteFile = () => join(mkdtempSync(join(tmpdir(), 'rapport-keys-')), 'keys.sqlite');

keyStoreContract('in-memory', async () => new InMemoryKeyStore());
keyStoreContract('SQLite', async () => new SqliteKeyStore(sqliteFile(), masterKey));

describe('SQLite key store', () => {
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
    const wrapped = (id: string) => new Database(file, { readonly: true }).prepare('SELECT wrapped_key FROM data_keys WHERE customer_id = ?').pluck().get(id) as Buffer;
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
