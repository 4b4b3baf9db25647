import { MongoBulkWriteError, MongoServerError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { DocumentWrite } from '../../read-model-store.port';
import type { StoredDocument } from './mongo.queries';

const DUPLICATE_KEY = 11000;
/** The lease token a document was last written under (read-model-store.port.ts `Fence`); stripped from reads. */
export const FENCE_FIELD = '_fence';

export interface CollectionOutcome {
  readonly applied: number;
  readonly refused: string[];
}

/**
 * Writes one collection's share of a batch. Guarded puts and deletes go in one unordered bulk;
 * a guard that refuses shows up as a duplicate-key error (the upsert found a newer document).
 * FerretDB 1.24 stops a bulk at its first error whatever `ordered` says, so after any error the
 * writes are replayed one by one: every write is idempotent under its guard.
 * Compare-and-set writes (`expect`) run alone, since only a per-write result tells if they matched.
 * Under a fence token every put also requires the stored document's token to be no higher, and
 * stores its own: a stale owner's put loses to any document its successor wrote.
 */
export async function writeCollection(
  collection: Collection<StoredDocument>,
  writes: readonly DocumentWrite[],
  fenceToken?: number,
): Promise<CollectionOutcome> {
  const fenced = fenceToken === undefined ? writes : writes.map((w) => fencedWrite(w, fenceToken));
  const bulk = fenced.filter((w) => w.kind === 'delete' || w.guard.kind !== 'expect');
  const single = fenced.filter((w) => w.kind === 'put' && w.guard.kind === 'expect');
  const outcome = await writeBulk(collection, bulk);
  for (const write of single) {
    if (await writeOne(collection, write)) outcome.applied += 1;
    else if (write.kind === 'put') outcome.refused.push(write.document._id);
  }
  return outcome;
}

async function writeBulk(
  collection: Collection<StoredDocument>,
  writes: readonly DocumentWrite[],
): Promise<{ applied: number; refused: string[] }> {
  if (writes.length === 0) return { applied: 0, refused: [] };
  let failed: ReadonlySet<number>;
  try {
    await collection.bulkWrite(writes.map(operation), { ordered: false });
    return { applied: writes.length, refused: [] };
  } catch (error: unknown) {
    failed = refusedIndexes(error);
  }
  return settle(collection, writes, failed);
}

/**
 * After a failed bulk, every write the server did not refuse was either applied (MongoDB goes on
 * after an error) or never reached (FerretDB stops). The stored positions tell which; the
 * unreached ones are replayed one by one.
 */
async function settle(collection: Collection<StoredDocument>, writes: readonly DocumentWrite[], failed: ReadonlySet<number>) {
  const ids = writes.flatMap((w) => (w.kind === 'put' ? [w.document._id] : []));
  const stored = new Map(
    (await collection.find({ _id: { $in: ids } }, { projection: { position: 1 } }).toArray()).map((d) => [d._id, d.position]),
  );
  const outcome = { applied: 0, refused: [] as string[] };
  for (const [index, write] of writes.entries()) {
    const isApplied = !failed.has(index) && (isStored(write, stored) || (await writeOne(collection, write)));
    if (isApplied) outcome.applied += 1;
    else if (write.kind === 'put') outcome.refused.push(write.document._id);
  }
  return outcome;
}

/** A put whose document is stored at its position was applied; a delete is always replayed. */
function isStored(write: DocumentWrite, stored: ReadonlyMap<string, unknown>): boolean {
  return write.kind === 'put' && stored.get(write.document._id) === write.document.position;
}

/** Indexes of the writes a bulk refused by their guard; any other error is rethrown. */
function refusedIndexes(error: unknown): ReadonlySet<number> {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (!errors.every((e) => e.code === DUPLICATE_KEY)) throw error;
  return new Set(errors.map((e) => e.index));
}

async function writeOne(collection: Collection<StoredDocument>, write: DocumentWrite): Promise<boolean> {
  try {
    const result = await collection.bulkWrite([operation(write)], { ordered: true });
    return write.kind === 'delete' || result.insertedCount + result.upsertedCount + result.matchedCount > 0;
  } catch (error: unknown) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

function fencedWrite(write: DocumentWrite, token: number): DocumentWrite {
  return write.kind === 'delete' ? write : { ...write, document: { ...write.document, [FENCE_FIELD]: token } };
}

function operation(write: DocumentWrite): AnyBulkWriteOperation<StoredDocument> {
  if (write.kind === 'delete') return { deleteOne: { filter: { _id: write.id } } };
  const document = write.document as StoredDocument;
  const { guard } = write;
  if (guard.kind === 'insert') return { insertOne: { document } };
  const token: unknown = document[FENCE_FIELD];
  // A missing field is not greater than the token: documents written without a fence never refuse one.
  const fence = typeof token === 'number' ? { [FENCE_FIELD]: { $not: { $gt: token } } } : {};
  if (guard.kind === 'newer') {
    return {
      replaceOne: {
        filter: { _id: document._id, position: { $lt: write.document.position }, ...fence },
        replacement: document,
        upsert: true,
      },
    };
  }
  return { replaceOne: { filter: { _id: document._id, [guard.field]: guard.value, ...fence }, replacement: document } };
}

function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return errors.every((e) => e.code === DUPLICATE_KEY);
  }
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}
