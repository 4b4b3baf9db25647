import { KeyDestroyed, type KeyStore } from './key-store.port';
import { seal, unseal } from './sealing';

/** The key-store port's contract; every adapter's spec runs all of it. */
export function keyStoreContract(name: string, create: () => Promise<KeyStore>): void {
  describe(`${name} key store`, () => {
    let keys: KeyStore;
    beforeEach(async () => {
      keys = await create();
    });
    afterEach(async () => keys.close());

    it('makes one key per customer and hands back the same one', async () => {
      const first = await keys.keyFor('c-1');
      expect((await keys.keyFor('c-1')).key.equals(first.key)).toBe(true);
      expect((await keys.keyFor('c-2')).keyId).not.toBe(first.keyId);
      expect(first.key).toHaveLength(32);
    });

    it('seals and opens personal data with the customer key only', async () => {
      const mine = await keys.keyFor('c-1');
      const other = await keys.keyFor('c-2');
      const sealed = seal({ name: 'Li Na' }, mine, 'c-1');
      expect(unseal(sealed, mine, 'c-1')).toEqual({ name: 'Li Na' });
      expect(() => unseal(sealed, other, 'c-1')).toThrow();
      expect(() => unseal(sealed, mine, 'c-2')).toThrow();
    });

    it('a destroyed key is gone for good and refuses to be remade', async () => {
      const { keyId } = await keys.keyFor('c-1');
      await keys.destroy('c-1', new Date('2026-03-01T00:00:00Z'));
      await keys.destroy('c-1', new Date('2026-04-01T00:00:00Z'));
      expect(await keys.lookup('c-1')).toEqual({ status: 'destroyed', keyId, destroyedAt: '2026-03-01T00:00:00.000Z' });
      await expect(keys.keyFor('c-1')).rejects.toBeInstanceOf(KeyDestroyed);
    });

    it('a customer without a key is absent', async () => {
      expect(await keys.lookup('nobody')).toEqual({ status: 'absent' });
    });
  });
}
