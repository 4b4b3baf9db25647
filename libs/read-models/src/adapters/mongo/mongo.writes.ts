import { MongoBulkWriteError, MongoServerError, type Collection, type Filter } from 'mongodb';
import type { DocumentWrite } from '../../read-model-store.port';
import { findByIds, inChunks, parallelWrites, type Lookup } from './mongo.lookup';
import type { StoredDocument } from './mongo.queries';

const DUPLICATE_KEY = 11000;
/** The lease token a document was last written under (read-model-store.port.ts `Fence`); stripped from reads. */
export const FENCE_FIELD = '_fence';
const GUARD_FIELDS = { position: 1, [FENCE_FIELD]: 1 };
/**
 * FerretDB 1.24 keeps each statement of an update command on its own SQLite connection until the
 * whole command ends, from a pool of 100: a bulk of 100 replaces waits forever for a connection,
 * and with it every later command on that database (measured: 99 pass, 100 hang).
 */
const REPLACES_PER_BULK = 50;

export interface CollectionOutcome {
  readonly applied: number;
  readonly refused: string[];
}

interface Replace {
  readonly document: StoredDocument;
  readonly filter: Filter<StoredDocument>;
  /** A `newer` put also applies when the document is gone; an `expect` put never inserts. */
  readonly upsert: boolean;
}

/** One collection's writes with their guards decided: refused here, or to be sent as inserts, replaces and deletes. */
export interface WritePlan {
  readonly refused: string[];
  readonly inserts: StoredDocument[];
  readonly replaces: Replace[];
  readonly deletes: string[];
}

/**
 * Decides the guards of one collection's writes on the client, from the stored position and fence
 * of each `newer` put's document, read in one query. A put outranked
 * by its stored document (an equal or higher position, or a higher fence token) is refused here;
 * one whose document is absent becomes an insert, which the store refuses atomically if another
 * writer inserted meanwhile. Under a fence token every put stores its token.
 */
export async function planWrites(
  collection: Collection<StoredDocument>,
  writes: readonly DocumentWrite[],
  lookup: Lookup,
  fenceToken?: number,
): Promise<WritePlan> {
  const newer = writes.flatMap((w) => (w.kind === 'put' && w.guard.kind === 'newer' ? [w.document._id] : []));
  const stored = new Map((await findByIds(collection, newer, GUARD_FIELDS, lookup)).map((d) => [d._id, d]));
  const plan: WritePlan = { refused: [], inserts: [], replaces: [], deletes: [] };
  for (const write of writes) {
    if (write.kind === 'delete') {
      plan.deletes.push(write.id);
      continue;
    }
    const document = (fenceToken === undefined ? write.document : { ...write.document, [FENCE_FIELD]: fenceToken }) as StoredDocument;
    const { guard } = write;
    if (guard.kind === 'insert') plan.inserts.push(document);
    else if (guard.kind === 'expect')
      plan.replaces.push({ document, filter: expectFilter(document, guard.field, guard.value), upsert: false });
    else {
      const seen = stored.get(document._id);
      if (seen === undefined) plan.inserts.push(document);
      else if (isOutranked(seen, document)) plan.refused.push(document._id);
      else plan.replaces.push({ document, filter: replaceFilter(seen, lookup), upsert: true });
    }
  }
  return plan;
}

/** Sends a plan: inserts in order, then replaces, then deletes in one bulk. Each put is reported applied or refused. */
export async function carryOut(collection: Collection<StoredDocument>, plan: WritePlan, lookup: Lookup): Promise<CollectionOutcome> {
  const refusedInserts = await insertInOrder(collection, plan.inserts);
  const byId = lookup === 'id-equality-only' ? plan.replaces.filter((r) => r.upsert) : [];
  const eachOnItsOwn = plan.replaces.filter((r) => !byId.includes(r));
  const refusedReplaces = [
    ...(await inChunks(byId, REPLACES_PER_BULK, (chunk) => replaceInOneBulk(collection, chunk))).flat(),
    ...(
      await inChunks(eachOnItsOwn, parallelWrites(lookup), (chunk) =>
        Promise.all(chunk.map(async (r) => ((await replaceOne(collection, r)) ? [] : [r.document._id]))),
      )
    ).flat(2),
  ];
  if (plan.deletes.length > 0) {
    await collection.bulkWrite(
      plan.deletes.map((id) => ({ deleteOne: { filter: { _id: id } } })),
      { ordered: false },
    );
  }
  return {
    applied: plan.inserts.length - refusedInserts.length + plan.replaces.length - refusedReplaces.length + plan.deletes.length,
    refused: [...plan.refused, ...refusedInserts, ...refusedReplaces],
  };
}

/**
 * Replaces by id alone (FerretDB) in one ordered bulk: one round trip instead of one per document,
 * which on a loaded machine kept a batch's writes past the lease. After an error (an upsert that
 * met a document inserted meanwhile) they are sent again one by one: a replace by id puts the same
 * document however often it is applied. Returns the ids refused.
 */
async function replaceInOneBulk(collection: Collection<StoredDocument>, replaces: readonly Replace[]): Promise<string[]> {
  if (replaces.length === 0) return [];
  try {
    await collection.bulkWrite(
      replaces.map((r) => ({ replaceOne: { filter: r.filter, replacement: r.document, upsert: r.upsert } })),
      { ordered: true },
    );
    return [];
  } catch (error: unknown) {
    if (!(error instanceof MongoServerError)) throw error;
  }
  const refused: string[] = [];
  for (const replace of replaces) if (!(await replaceOne(collection, replace))) refused.push(replace.document._id);
  return refused;
}

function isOutranked(stored: StoredDocument, document: StoredDocument): boolean {
  const [storedFence, fence]: unknown[] = [stored[FENCE_FIELD], document[FENCE_FIELD]];
  const isFencedOut = typeof storedFence === 'number' && typeof fence === 'number' && storedFence > fence;
  return isFencedOut || (stored.position as number) >= document.position;
}

/**
 * Where the server looks documents up by index whatever the filter, a replace names the guards it
 * was decided on: a writer that got in since the read makes it refuse (compare-and-set). FerretDB
 * 1.24 would decode the whole collection for that filter, so there it names the id alone; the window
 * between the read and the write is then open to a writer that takes the lease over in it (see
 * MongoReadModelStore.write for the order that keeps it short).
 */
function replaceFilter(seen: StoredDocument, lookup: Lookup): Filter<StoredDocument> {
  if (lookup === 'id-equality-only') return { _id: seen._id };
  return { _id: seen._id, position: seen.position, [FENCE_FIELD]: seen[FENCE_FIELD] ?? null };
}

/**
 * Compare-and-set writes (`expect`) keep their condition in the filter on every server: they serve
 * leases and checkpoints, collections of a few documents each. A missing fence is not greater than
 * the token: documents written without a fence never refuse one.
 */
function expectFilter(document: StoredDocument, field: string, value: unknown): Filter<StoredDocument> {
  const token: unknown = document[FENCE_FIELD];
  const fence = typeof token === 'number' ? { [FENCE_FIELD]: { $not: { $gt: token } } } : {};
  return { _id: document._id, [field]: value, ...fence };
}

/** Ordered, so that after a duplicate id the server has applied exactly the inserts before it (FerretDB and MongoDB alike). */
async function insertInOrder(collection: Collection<StoredDocument>, documents: readonly StoredDocument[]): Promise<string[]> {
  const refused: string[] = [];
  for (let rest = documents; rest.length > 0;) {
    try {
      await collection.insertMany([...rest], { ordered: true });
      return refused;
    } catch (error: unknown) {
      const index = duplicateIndex(error);
      refused.push((rest[index] as StoredDocument)._id);
      rest = rest.slice(index + 1);
    }
  }
  return refused;
}

/** The index of the insert an ordered bulk stopped at for a duplicate id; any other error is rethrown. */
function duplicateIndex(error: unknown): number {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  const first = errors[0];
  if (first === undefined || errors.length !== 1 || first.code !== DUPLICATE_KEY) throw error;
  return first.index;
}

/** Whether the replace was applied; a duplicate id means its filter found no match and the upsert met the stored document. */
async function replaceOne(collection: Collection<StoredDocument>, replace: Replace): Promise<boolean> {
  try {
    const result = await collection.replaceOne(replace.filter, replace.document, { upsert: replace.upsert });
    return result.matchedCount + result.upsertedCount > 0;
  } catch (error: unknown) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
    throw error;
  }
}
