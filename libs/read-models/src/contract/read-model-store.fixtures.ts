import { randomBytes } from 'node:crypto';
import type { ReadDocument, ReadModelAdmin, ReadModelStore, WriteGuard } from '../read-model-store.port';

export type StoreUnderTest = ReadModelStore & ReadModelAdmin;
export type Given = () => StoreUnderTest;

/** A collection name no other test (or test file sharing the database) uses. */
export function aCollection(): string {
  return `c_${randomBytes(6).toString('hex')}`;
}

export function aDocument(id: string, position: number, fields: Record<string, unknown> = {}): ReadDocument {
  return { _id: id, position, ...fields };
}

export function put(document: ReadDocument, guard: WriteGuard = { kind: 'newer' }) {
  return { kind: 'put' as const, document, guard };
}

export async function putAll(store: ReadModelStore, collection: string, documents: readonly ReadDocument[]): Promise<void> {
  await store.write([{ collection, writes: documents.map((d) => put(d, { kind: 'insert' })) }]);
}

export async function idsOf(store: ReadModelStore, collection: string): Promise<string[]> {
  const page = await store.find(collection, { limit: 1000 });
  return page.documents.map((d) => d._id);
}
