import type { CollectionWrites, ReadDocument, ReadModelStore } from '../read-model-store.port';

/** One document of a set, as a runner works on it: found once, then changed in place by many events. */
export interface DocumentEntry {
  document: ReadDocument | null;
  /** Whether the store holds this id, as far as this set knows: picks the write guard. */
  isStored: boolean;
  isDirty: boolean;
}

export interface DocumentSetOptions {
  /**
   * The store holds no document of these collections yet (a rebuild's fresh ones), so an id this
   * set has not seen needs no read. Holds until `clear`, after which written documents are read back.
   */
  readonly isStoreEmpty?: boolean;
}

export function setDocument(entry: DocumentEntry, document: ReadDocument): void {
  entry.document = document;
  entry.isDirty = true;
}

/**
 * The documents a projector works on in memory: loaded once, changed by many events, written once.
 * Both modes keep one set across batches while they are the only writer of its documents (a rebuild
 * of its fresh collections; a live projector under one lease token and one set of generations) and
 * remember absent ids too, so each id is read at most once until the set is cleared.
 */
export class DocumentSet {
  private readonly collections = new Map<string, Map<string, DocumentEntry>>();
  private isStoreEmpty: boolean;

  constructor(options: DocumentSetOptions = {}) {
    this.isStoreEmpty = options.isStoreEmpty ?? false;
  }

  /**
   * The entry of each id, in order (a repeated id gives the same entry), reading the ids this set
   * has not seen from the store in one call. One map lookup per id: a rebuild makes millions.
   */
  async entries(store: ReadModelStore, collection: string, ids: readonly string[]): Promise<DocumentEntry[]> {
    const known = this.entriesOf(collection);
    const entries: DocumentEntry[] = [];
    const missing: DocumentEntry[] = [];
    const missingIds: string[] = [];
    for (const id of ids) {
      let entry = known.get(id);
      if (entry === undefined) {
        entry = { document: null, isStored: false, isDirty: false };
        known.set(id, entry);
        if (!this.isStoreEmpty) {
          missing.push(entry);
          missingIds.push(id);
        }
      }
      entries.push(entry);
    }
    if (missingIds.length > 0) {
      const found = await store.getMany(collection, missingIds);
      missingIds.forEach((id, index) => {
        const document = found.get(id) ?? null;
        const entry = missing[index] as DocumentEntry;
        entry.document = document;
        entry.isStored = document !== null;
      });
    }
    return entries;
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
        writes.push({
          kind: 'put' as const,
          document: entry.document,
          guard: { kind: entry.isStored ? ('newer' as const) : ('insert' as const) },
        });
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

  /** Forgets every document; the store is read again from here on. */
  clear(): void {
    this.collections.clear();
    this.isStoreEmpty = false;
  }

  private entriesOf(collection: string): Map<string, DocumentEntry> {
    let entries = this.collections.get(collection);
    if (entries === undefined) {
      entries = new Map();
      this.collections.set(collection, entries);
    }
    return entries;
  }
}
