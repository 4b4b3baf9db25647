export interface LruCacheOptions<V> {
  /** Largest total weight kept; with no `weigh`, the number of entries. */
  readonly capacity: number;
  /** An entry's weight, taken when it is set; one per entry when absent. */
  readonly weigh?: (value: V) => number;
}

/**
 * A least-recently-used map: a Map keeps insertion order, so its first key is the least recently
 * used. Setting an entry evicts the least recently used others until the total weight is within
 * the capacity; the entry just set always stays, even when it alone weighs more.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly weight: number }>();
  private totalWeight = 0;
  private readonly capacity: number;
  private readonly weigh: (value: V) => number;

  constructor(options: number | LruCacheOptions<V>) {
    const { capacity, weigh } = typeof options === 'number' ? { capacity: options, weigh: undefined } : options;
    this.capacity = capacity;
    this.weigh = weigh ?? (() => 1);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    // Within capacity, the usual case once full of equal weights: no iterator to make.
    if (this.totalWeight <= this.capacity) return;
    for (const oldest of this.entries.keys()) {
      if (this.totalWeight <= this.capacity || oldest === key) break;
      this.delete(oldest);
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }
}
