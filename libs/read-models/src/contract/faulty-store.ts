import type { CollectionWrites, Fence, ReadDocument, ReadModelStore, FindQuery, Page, WriteResult } from '../read-model-store.port';

/**
 * A store that fails on purpose: the `failOn`-th write call (1-based, counting from now) writes only
 * the first half of its documents and then throws, as a crash in the middle of a bulk would.
 */
export class FaultyStore implements ReadModelStore {
  private calls = 0;
  private failures: ReadonlySet<number> = new Set();
  writesSeen = 0;

  constructor(private readonly inner: ReadModelStore) {}

  failOnWrites(...calls: number[]): void {
    this.calls = 0;
    this.failures = new Set(calls);
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

  async write(batch: readonly CollectionWrites[], fence?: Fence): Promise<WriteResult> {
    this.calls += 1;
    this.writesSeen += batch.reduce((sum, c) => sum + c.writes.length, 0);
    if (!this.failures.has(this.calls)) return this.inner.write(batch, fence);
    const half = batch.map((c) => ({ collection: c.collection, writes: c.writes.slice(0, Math.ceil(c.writes.length / 2)) }));
    await this.inner.write(half, fence);
    throw new Error(`injected failure in write call ${this.calls}, after part of it was written`);
  }
}
