import type { Collection, Db, Document } from 'mongodb';
import type { StoredDocument } from './mongo.queries';

export const LOOKUPS = ['id-equality-only', 'indexed'] as const;

/**
 * How the server finds documents by id. `indexed` (MongoDB): every filter that names `_id` goes
 * through its index. `id-equality-only` (FerretDB 1.24 on SQLite): only a filter that is a lone
 * `_id` string equality becomes an SQL lookup; any other filter, `$in` or an extra condition
 * included, reads and decodes every document of the collection, so a guarded write costs O(n).
 */
export type Lookup = (typeof LOOKUPS)[number];

/** Single-document operations go out in parallel, this many at a time (the driver's pool holds 100 connections). */
export const PARALLEL_OPERATIONS = 64;
const IN_CHUNK = 1_000;

/** FerretDB names itself in `buildInfo` (`ferretdbVersion`); every other server is taken for MongoDB. */
export async function lookupOf(db: Db): Promise<Lookup> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info ? 'id-equality-only' : 'indexed';
}

/** The documents among `ids` (each at most once), with the projection given. */
export async function findByIds(
  collection: Collection<StoredDocument>,
  ids: readonly string[],
  lookup: Lookup,
  projection: Document,
): Promise<StoredDocument[]> {
  const unique = [...new Set(ids)];
  if (lookup === 'indexed') {
    const found = await inChunks(unique, IN_CHUNK, (chunk) => collection.find({ _id: { $in: chunk } }, { projection }).toArray());
    return found.flat();
  }
  const found = await inChunks(unique, PARALLEL_OPERATIONS, (chunk) =>
    Promise.all(chunk.map((_id) => collection.findOne({ _id }, { projection }))),
  );
  return found.flat().filter((document): document is StoredDocument => document !== null);
}

/** Runs `each` over consecutive chunks of `items`, one chunk after another. */
export async function inChunks<T, R>(items: readonly T[], size: number, each: (chunk: T[]) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(await each(items.slice(start, start + size)));
  return results;
}
