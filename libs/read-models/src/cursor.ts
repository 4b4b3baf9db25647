import { InvalidCursor } from './read-model-store.errors';
import type { Scalar } from './read-model-store.port';

/** Where a page ended: the sort value and the id of its last document (keyset pagination). */
export interface CursorPosition {
  readonly value: Scalar;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && isScalar(parsed[0]) && typeof parsed[1] === 'string') {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursor('the cursor is not one this store issued');
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** The value at a dotted path of a document, or undefined. */
export function valueAt(document: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = document;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The cursor that continues a find right after `document` (same sort as the find). */
export function cursorAfter(document: Readonly<Record<string, unknown>> & { readonly _id: string }, sortField = '_id'): string {
  return encodeCursor({ value: (valueAt(document, sortField) ?? null) as Scalar, id: document._id });
}
