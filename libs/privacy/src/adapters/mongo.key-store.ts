import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import { KeyDestroyed, type DataKey, type KeyLookup, type KeyStore } from '../key-store.port';
import { unwrapKey, wrapKey } from '../sealing';

interface KeyDocument {
  /** The customer id: its uniqueness settles a race between instances making the same key. */
  _id: string;
  /** The customer id again: collections made before lookups moved to `_id` have a unique index on it. */
  customerId: string;
  keyId: string;
  wrappedKey: Buffer | null;
  createdAt: string;
  destroyedAt: string | null;
}

const DUPLICATE_KEY = 11000;

/**
 * Data keys in MongoDB, for several Rapport instances that must open each other's personal data
 * (issue #16). Each key is wrapped with the master key. Nothing is cached: an erasure on one
 * instance must stop every other instance from sealing with that key at once. A replica set
 * keeps an erased key's wrapped bytes in its oplog until the oplog rolls over; they stay useless
 * without the master key (README, Erasure).
 */
export class MongoKeyStore implements KeyStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<KeyDocument>,
    private readonly masterKey: Buffer,
  ) {}

  static async connect(url: string, masterKey: Buffer, collectionName = 'data_keys'): Promise<MongoKeyStore> {
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: 10_000,
      promoteBuffers: true,
      writeConcern: { w: 'majority', journal: true },
    });
    await client.connect();
    return new MongoKeyStore(client, client.db().collection<KeyDocument>(collectionName), masterKey);
  }

  async keyFor(customerId: string): Promise<DataKey> {
    const found = await this.find(customerId);
    return this.opened(customerId, found ?? (await this.create(customerId)));
  }

  async lookup(customerId: string): Promise<KeyLookup> {
    const found = await this.find(customerId);
    if (found === null) return { status: 'absent' };
    if (found.destroyedAt !== null) return { status: 'destroyed', keyId: found.keyId, destroyedAt: found.destroyedAt };
    return { status: 'live', dataKey: this.opened(customerId, found) };
  }

  async destroy(customerId: string, at: Date): Promise<void> {
    await this.keys.updateOne({ _id: customerId, destroyedAt: null }, { $set: { wrappedKey: null, destroyedAt: at.toISOString() } });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * By `_id` only: FerretDB 1.24 on SQLite pushes a filter down to SQL only when it is a single
   * `_id` equality; any other filter (`{ customerId }` included, index or not) decodes and tests
   * every document of the collection in Go, once per sealed command (issue #16).
   */
  private find(customerId: string): Promise<KeyDocument | null> {
    return this.keys.findOne({ _id: customerId });
  }

  /** Another instance may make the same customer's key at the same moment: the first stored wins for both. */
  private async create(customerId: string): Promise<KeyDocument> {
    const document: KeyDocument = {
      _id: customerId,
      customerId,
      keyId: randomUUID(),
      wrappedKey: wrapKey(randomBytes(32), this.masterKey),
      createdAt: new Date().toISOString(),
      destroyedAt: null,
    };
    try {
      await this.keys.insertOne(document);
      return document;
    } catch (error: unknown) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      const stored = await this.find(customerId);
      if (stored === null) throw error;
      return stored;
    }
  }

  private opened(customerId: string, document: KeyDocument): DataKey {
    if (document.destroyedAt !== null || document.wrappedKey === null) throw new KeyDestroyed(customerId);
    return { keyId: document.keyId, key: unwrapKey(document.wrappedKey, this.masterKey) };
  }
}
