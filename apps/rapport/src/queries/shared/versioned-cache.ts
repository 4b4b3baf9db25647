import { LruCache } from '@rapport/kernel';

/**
 * Answers computed from a read model, each kept with the version of the projections it was read
 * at (their generations and positions, ProjectorHost.versionOf). A read model changes only when
 * its projection applies events or a rebuild swaps it, and either changes the version, so an
 * answer kept for the current version is the answer a fresh read would give. Take the version
 * before reading: the answer then reflects at least that version, as ReadGate promises.
 */
export class VersionedCache<T> {
  private readonly entries: LruCache<string, { readonly version: string; readonly value: T }>;

  constructor(maxEntries: number) {
    this.entries = new LruCache(maxEntries);
  }

  async get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found !== undefined && found.version === version) return found.value;
    const value = await compute();
    this.entries.set(key, { version, value });
    return value;
  }
}
