import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SqliteKeyStore } from '@rapport/privacy';
import { configFromEnvironment } from '../config';
import { openKeyStore } from './adapters';

const dataDir = () => mkdtempSync(join(tmpdir(), 'rapport-key-choice-'));

describe('choosing the key store', () => {
  it('refuses a shared key store without a shared master key', async () => {
    const config = configFromEnvironment({ DATA_DIR: dataDir(), RAPPORT_KEY_STORE_URL: 'mongodb://127.0.0.1:1/keys' });
    await expect(openKeyStore(config)).rejects.toThrow('RAPPORT_KEY_STORE_URL needs RAPPORT_MASTER_KEY');
  });

  it('keeps keys in keys.sqlite under DATA_DIR when no key store URL is set', async () => {
    const config = configFromEnvironment({ DATA_DIR: dataDir(), RAPPORT_MASTER_KEY: randomBytes(32).toString('base64') });
    const keys = await openKeyStore(config);
    expect(keys).toBeInstanceOf(SqliteKeyStore);
    await keys.close();
  });
});
