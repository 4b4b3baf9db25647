import type { CollectionWrites, FindQuery, Page, ReadDocument, ReadModelStore, WriteResult } from '@rapport/read-models';

/** Told of the documents a write stored, or, with `null`, that stored documents may have changed unseen. */
export type WrittenListener = (documents: readonly ReadDocument[] | null) => void;

/**
 * The read-model store as the live projector writes it: after each write, listeners of a
 * collection hear which of its documents were stored, so an in-memory index of a read model can
 * follow it without reading it again. A write that fails may have stored part of its documents
 * (the MongoDB adapter is not atomic), so listeners then hear `null` and start afresh; so they do
 * after a write with refusals or deletes.
 */
export class ObservedWrites implements ReadModelStore {
  private readonly listeners = new Map<string, Set<WrittenListener>>();

  constructor(private readonly inner: ReadModelStore) {}

  /** Returns the function that stops listening. */
  listen(collection: string, listener: WrittenListener): () => void {
    const listeners = this.listeners.get(collection) ?? new Set<WrittenListener>();
    this.listeners.set(collection, listeners);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  async write(batch: readonly CollectionWrites[]): Promise<WriteResult> {
    let result: WriteResult;
    try {
      result = await this.inner.write(batch);
    } catch (error: unknown) {
      for (const { collection } of batch) this.tell(collection, null);
      throw error;
    }
    for (const { collection, writes } of batch) {
      if (!this.listeners.get(collection)?.size) continue;
      // Refused ids are not told apart by collection, and deletes are rare: start afresh after either.
      const isPlain = result.refused.length === 0 && writes.every((write) => write.kind === 'put');
      this.tell(collection, isPlain ? writes.flatMap((write) => (write.kind === 'put' ? [write.document] : [])) : null);
    }
    return result;
  }

  get<D extends ReadDocument>(collection: string, id: string): Promise<D | null> {
    return this.inner.get<D>(collection, id);
  }

  getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<ReadonlyMap<string, D>> {
    return this.inner.getMany<D>(collection, ids);
  }

  find<D extends ReadDocument>(collection: string, query: FindQuery): Promise<Page<D>> {
    return this.inner.find<D>(collection, query);
  }

  private tell(collection: string, documents: readonly ReadDocument[] | null): void {
    for (const listener of this.listeners.get(collection) ?? []) listener(documents);
  }
}
