import { MongoClient, MongoError, MongoNetworkError, MongoServerError, MongoServerSelectionError, type Db } from 'mongodb';
import { encodeCursor, valueAt } from '../../cursor';
import { ReadModelStoreUnavailable } from '../../read-model-store.errors';
import {
  isCollectionName,
  LEASES,
  type CollectionSpec,
  type CollectionWrites,
  type Fence,
  type FindQuery,
  type IndexSpec,
  type Page,
  type ReadDocument,
  type ReadModelAdmin,
  type ReadModelStore,
  type Scalar,
  type WriteResult,
} from '../../read-model-store.port';
import { indexKeys, mongoFilter, mongoSort, type StoredDocument } from './mongo.queries';
import { holdingId } from '../../runtime/lease';
import { findByIds, lookupOf, type Lookup } from './mongo.lookup';
import { carryOut, FENCE_FIELD, planWrites } from './mongo.writes';

/** The fence a document was written under is the adapter's own bookkeeping: readers never see it. */
const WITHOUT_FENCE = { projection: { [FENCE_FIELD]: 0 } };

export interface MongoReadModelStoreOptions {
  /** Database name; default: the one in the URL, else `rapport`. */
  readonly database?: string;
  readonly serverSelectionTimeoutMS?: number;
  /** How the server finds documents by id (mongo.lookup.ts); default: asked of the server at connect. */
  readonly lookup?: Lookup;
}

const NOT_IMPLEMENTED = 238;
// IndexOptionsConflict, IndexKeySpecsConflict: an index of that name exists with another definition.
const INDEX_CONFLICTS: ReadonlySet<number | string> = new Set([85, 86]);

/**
 * The MongoDB read-model store (design.md §1), also run against FerretDB 1.24 in CI. Uses plain
 * finds, single-document writes and indexes only: no aggregation, no transactions (FerretDB has neither
 * `$avg`-style accumulators nor transactions, and the projector does not need them). Guarded writes are
 * decided here and sent by id on FerretDB, which would decode the whole collection per write for a
 * guarded filter (mongo.lookup.ts).
 */
export class MongoReadModelStore implements ReadModelStore, ReadModelAdmin {
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly lookup: Lookup,
  ) {}

  static async connect(url: string, options: MongoReadModelStoreOptions = {}): Promise<MongoReadModelStore> {
    // ignoreUndefined: an undefined field is left out, as JSON (and so the embedded store) leaves it out.
    const client = new MongoClient(url, { ignoreUndefined: true, serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000 });
    const db = client.db(options.database ?? databaseIn(url) ?? 'rapport');
    let lookup: Lookup;
    try {
      await client.connect();
      lookup = options.lookup ?? (await lookupOf(db));
    } catch (error: unknown) {
      await client.close().catch(() => undefined);
      throw new ReadModelStoreUnavailable(`cannot reach MongoDB at ${redacted(url)}`, { cause: error });
    }
    return new MongoReadModelStore(client, db, lookup);
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | null> {
    return this.run(async () => (await this.collection(collection).findOne({ _id: id }, WITHOUT_FENCE)) as D | null);
  }

  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<ReadonlyMap<string, D>> {
    if (ids.length === 0) return new Map();
    const found = await this.run(() => findByIds(this.collection(collection), ids, WITHOUT_FENCE.projection, this.lookup));
    return new Map(found.map((document) => [document._id, document as unknown as D]));
  }

  async find<D extends ReadDocument>(collection: string, query: FindQuery): Promise<Page<D>> {
    const filter = mongoFilter(query);
    const rows = await this.run(() =>
      this.collection(collection)
        .find(filter, WITHOUT_FENCE)
        .sort(mongoSort(query))
        .limit(query.limit + 1)
        .toArray(),
    );
    const documents = rows.slice(0, query.limit) as unknown as D[];
    const last = documents.at(-1);
    const hasMore = rows.length > query.limit && last !== undefined;
    const sortField = query.sort?.field ?? '_id';
    return { documents, next: hasMore ? encodeCursor({ value: (valueAt(last, sortField) ?? null) as Scalar, id: last._id }) : null };
  }

  /**
   * Without transactions (FerretDB has none) the lease check cannot share the writes' atomicity.
   * Per collection, the guards are read first and the lease checked last, right before the writes
   * they decide: a takeover before the check refuses the rest of the batch, and a successor's
   * documents written before the read refuse the puts on them (mongo.writes.ts).
   */
  async write(batch: readonly CollectionWrites[], fence?: Fence): Promise<WriteResult> {
    let applied = 0;
    const refused: string[] = [];
    for (const [index, { collection, writes }] of batch.entries()) {
      const target = this.collection(collection);
      const plan = await this.run(() => planWrites(target, writes, this.lookup, fence?.token));
      if (fence !== undefined && !(await this.isLeaseHeld(fence))) {
        refused.push(...batch.slice(index).flatMap((c) => c.writes.flatMap((w) => (w.kind === 'put' ? [w.document._id] : []))));
        break;
      }
      const outcome = await this.run(() => carryOut(target, plan, this.lookup));
      applied += outcome.applied;
      refused.push(...outcome.refused);
    }
    return { applied, refused };
  }

  private async isLeaseHeld(fence: Fence): Promise<boolean> {
    const [held, next] = [holdingId(fence.lease, fence.token), holdingId(fence.lease, fence.token + 1)];
    const found = await this.run(() => findByIds(this.collection(LEASES), [held, next], { _id: 1 }, this.lookup));
    return found.length === 1 && found[0]?._id === held;
  }

  async ensureCollection(spec: CollectionSpec): Promise<void> {
    await this.run(async () => {
      if (!(await this.exists(spec.name))) await this.db.createCollection(checked(spec.name));
      for (const index of spec.indexes) await this.ensureIndex(spec.name, index);
    });
  }

  /** Creates the index; one of that name with other keys (an older definition) is dropped and made anew. */
  private async ensureIndex(collection: string, index: IndexSpec): Promise<void> {
    try {
      await this.collection(collection).createIndex(indexKeys(index), { name: index.name });
    } catch (error: unknown) {
      if (!(error instanceof MongoServerError) || !INDEX_CONFLICTS.has(error.code ?? 0)) throw error;
      await this.collection(collection).dropIndex(index.name);
      await this.collection(collection).createIndex(indexKeys(index), { name: index.name });
    }
  }

  async dropCollection(name: string): Promise<void> {
    await this.run(async () => {
      if (await this.exists(checked(name))) await this.db.dropCollection(name);
    });
  }

  async replaceCollection(source: string, target: CollectionSpec): Promise<void> {
    await this.ensureCollection({ name: source, indexes: target.indexes });
    await this.run(async () => {
      try {
        await this.db.renameCollection(source, checked(target.name), { dropTarget: true });
      } catch (error: unknown) {
        if (!(error instanceof MongoError) || error.code !== NOT_IMPLEMENTED) throw error;
        await this.replaceInSteps(source, target.name);
      }
    });
  }

  async listCollections(): Promise<readonly string[]> {
    const collections = await this.run(() => this.db.listCollections({}, { nameOnly: true }).toArray());
    return collections
      .map((c) => c.name)
      .filter(isCollectionName)
      .sort();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * FerretDB 1.24 lacks `dropTarget`: move the old collection aside, rename, drop the old one.
   * Between the two renames the target is briefly missing and reads of it come back empty.
   */
  private async replaceInSteps(source: string, target: string): Promise<void> {
    if (!(await this.exists(target))) {
      await this.db.renameCollection(source, target);
      return;
    }
    const retired = `${target}__retired`;
    if (await this.exists(retired)) await this.db.dropCollection(retired);
    await this.db.renameCollection(target, retired);
    await this.db.renameCollection(source, target);
    await this.db.dropCollection(retired);
  }

  private async exists(name: string): Promise<boolean> {
    return (await this.db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;
  }

  private collection(name: string) {
    return this.db.collection<StoredDocument>(checked(name));
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error: unknown) {
      if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) {
        throw new ReadModelStoreUnavailable(`MongoDB read-model store failed: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}

function checked(name: string): string {
  if (!isCollectionName(name)) throw new Error(`not a collection name: ${name}`);
  return name;
}

/** The database named in a connection string's path, if any (`mongodb://host/db?opts`). */
export function databaseIn(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function redacted(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
