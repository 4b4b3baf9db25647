import { randomBytes, randomUUID } from 'node:crypto';
import { describeWithServer } from '../../../../test/support/integration-server';
import { keyStoreContract } from '../key-store.contract';
import { MongoKeyStore } from './mongo.key-store';

describeWithServer('MONGO_URL', 'FerretDB', 'MongoDB key store', (url) => {
  const masterKey = randomBytes(32);
  const databaseUrl = (name: string) => `${url.replace(/\/+$/, '')}/${name}`;

  keyStoreContract('MongoDB', () => MongoKeyStore.connect(databaseUrl(`keys_${randomUUID().slice(0, 8)}`), masterKey));

  it('gives two instances making the same customer’s key at once the one key that was stored', async () => {
    const database = databaseUrl(`keys_${randomUUID().slice(0, 8)}`);
    const [first, second] = await Promise.all([MongoKeyStore.connect(database, masterKey), MongoKeyStore.connect(database, masterKey)]);
    const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).keyFor('c-1')));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    expect(keys.every((k) => k.key.equals(keys[0]?.key ?? Buffer.alloc(0)))).toBe(true);
    await Promise.all([first.close(), second.close()]);
  });

  it('an erasure on one instance stops the other from using the key at once', async () => {
    const database = databaseUrl(`keys_${randomUUID().slice(0, 8)}`);
    const [first, second] = await Promise.all([MongoKeyStore.connect(database, masterKey), MongoKeyStore.connect(database, masterKey)]);
    await second.keyFor('c-1');
    await first.destroy('c-1', new Date('2026-03-01T00:00:00Z'));
    await expect(second.keyFor('c-1')).rejects.toMatchObject({ code: 'key-destroyed' });
    await Promise.all([first.close(), second.close()]);
  });
});
