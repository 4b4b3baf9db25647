import { randomBytes, randomUUID } from 'node:crypto';
import { KeyDestroyed, type DataKey, type KeyLookup, type KeyStore } from '../key-store.port';

export class InMemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, KeyLookup>();

  async keyFor(customerId: string): Promise<DataKey> {
    const found = this.keys.get(customerId);
    if (found?.status === 'destroyed') throw new KeyDestroyed(customerId);
    if (found?.status === 'live') return found.dataKey;
    const dataKey = { keyId: randomUUID(), key: randomBytes(32) };
    this.keys.set(customerId, { status: 'live', dataKey });
    return dataKey;
  }

  async lookup(customerId: string): Promise<KeyLookup> {
    return this.keys.get(customerId) ?? { status: 'absent' };
  }

  async destroy(customerId: string, at: Date): Promise<void> {
    const found = this.keys.get(customerId);
    if (found?.status !== 'live') return;
    this.keys.set(customerId, { status: 'destroyed', keyId: found.dataKey.keyId, destroyedAt: at.toISOString() });
  }

  async close(): Promise<void> {}
}
