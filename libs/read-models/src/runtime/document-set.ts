import type { CollectionWrites, ReadDocument, ReadModelStore } from '../read-model-store.port';

interface Entry {
  document: ReadDocument | null;
  /** Whether the store holds this id, as far as this set knows: picks the write guard. */
  isStored: boolean;
  isDirty: boolean;
}

/** One collection's documents within a set. The id must have been loaded before `get`. */
export class CollectionDocuments {
  constructor(private readonly entries: Map<string, Entry>) {}

  get(id: string): ReadDocument | null {
    return this.entries.get(id)?.document ?? null;
  }

  set(document: ReadDocument): void {
    const entry = this.entries.get(document._id);
    if (entry === undefined) {
      this.entries.set(document._id, { document, isStored: false, isDirty: true });
      return;
    }
    entry.document = document;
    entry.isDirty = true;
  }
}

/**
 * The documents a projector works on in memory: loaded once, changed by many events, written once.
 * A live projector uses a fresh set per batch; a rebuild keeps one across batches (it is the only
 * writer of its fresh collections) and remembers absent ids too, so it reads each id at most once.
 */
export class DocumentSet {
  private readonly collections = new Map<string, Map<string, Entry>>();

  async load(store: ReadModelStore, collection: string, ids: Iterable<string>): Promise<void> {
    const entries = this.entriesOf(collection);
    const missing: Entry[] = [];
    const missingIds: string[] = [];
    for (const id of ids) {
      if (entries.has(id)) continue;
      const entry: Entry = { document: null, isStored: false, isDirty: false };
      entries.set(id, entry);
      missing.push(entry);
      missingIds.push(id);
    }
    if (missingIds.length === 0) return;
    const found = await store.getMany(collection, missingIds);
    missingIds.forEach((id, index) => {
      const document = found.get(id) ?? null;
      const entry = missing[index] as Entry;
      entry.document = document;
      entry.isStored = document !== null;
    });
  }

  of(collection: string): CollectionDocuments {
    return new CollectionDocuments(this.entriesOf(collection));
  }

  /**
   * The puts for every changed document of these collections, which then count as stored.
   * A document the store did not hold is inserted, others replaced if older: any refusal means
   * another writer got in, which the projector treats as a failure.
   */
  takeWrites(collections: readonly string[]): CollectionWrites[] {
    return [...new Set(collections)].flatMap((collection) => {
      const writes = [];
      for (const entry of this.entriesOf(collection).values()) {
        if (!entry.isDirty || entry.document === null) continue;
        writes.push({ kind: 'put' as const, document: entry.document, guard: { kind: entry.isStored ? ('newer' as const) : ('insert' as const) } });
        entry.isDirty = false;
        entry.isStored = true;
      }
      return writes.length === 0 ? [] : [{ collection, writes }];
    });
  }

  get size(): number {
    let count = 0;
    for (const entries of this.collections.values()) count += entries.size;
    return count;
  }

  clear(): void {
    this.collections.clear();
  }

  private entriesOf(collection: string): Map<string, Entry> {
    let entries = this.collections.get(collection);
    if (entries === undefined) {
      entries = new Map();
      this.collections.set(collection, entries);
    }
    return entries;
  }
}
