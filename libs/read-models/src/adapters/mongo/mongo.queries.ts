import type { Document, Filter as MongoFilter, Sort } from 'mongodb';
import { decodeCursor } from '../../cursor';
import type { Filter, FindQuery, IndexSpec } from '../../read-model-store.port';

/** A stored read-model document as the driver sees it: string ids only. */
export interface StoredDocument extends Document {
  _id: string;
}

/** The port's filter is a subset of MongoDB's, so it passes through; the cursor adds a keyset condition. */
export function mongoFilter(query: FindQuery): MongoFilter<StoredDocument> {
  const base = { ...(query.filter ?? {}) } as MongoFilter<StoredDocument>;
  if (query.after === undefined) return base;
  const { value, id } = decodeCursor(query.after);
  const field = query.sort?.field ?? '_id';
  if (field === '_id') return { $and: [base, { _id: { $gt: id } }] };
  const beyond = query.sort?.direction === 'desc' ? '$lt' : '$gt';
  const keyset = { $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { $gt: id } }] };
  return { $and: [base, keyset] } as MongoFilter<StoredDocument>;
}

export function mongoSort(query: FindQuery): Sort {
  const field = query.sort?.field ?? '_id';
  if (field === '_id') return { _id: 1 };
  return { [field]: query.sort?.direction === 'desc' ? -1 : 1, _id: 1 };
}

export function indexKeys(index: IndexSpec): Record<string, 1 | -1> {
  return Object.fromEntries(index.fields.map((f) => [f.field, f.direction === 'desc' ? -1 : 1]));
}

export function filterOf(filter: Filter): MongoFilter<StoredDocument> {
  return filter as MongoFilter<StoredDocument>;
}
