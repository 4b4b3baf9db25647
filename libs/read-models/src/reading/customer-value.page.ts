import { decodeCursor, encodeCursor } from '../cursor';
import { minorUnitsOf } from '../projections/money-sums';
import { InvalidCursor } from '../read-model-store.errors';
import type { Page } from '../read-model-store.port';
import type { CustomerValueView } from './customer-value.view';

/**
 * One page of customers by projected value, highest first, customers without a value last, ties
 * by id. The cursor holds the last value and id (keyset), so a page continues right after the
 * previous one even when values moved in between. Values compare in minor units of each customer's
 * own currency (README "Per-customer value").
 */
export function pageByValue(values: readonly CustomerValueView[], limit: number, cursor?: string): Page<CustomerValueView> {
  const sorted = [...values].sort(byValue);
  const start = cursor === undefined ? 0 : firstAfter(sorted, cursor);
  const documents = sorted.slice(start, start + limit);
  const last = documents[documents.length - 1];
  const hasMore = start + limit < sorted.length;
  return { documents, next: hasMore && last !== undefined ? encodeCursor({ value: valueKey(last), id: last.customerId }) : null };
}

function valueKey(view: CustomerValueView): string | null {
  return view.projectedValue === null ? null : minorUnitsOf(view.projectedValue).toString();
}

function compareKeys(a: string | null, aId: string, b: string | null, bId: string): number {
  if (a !== b) {
    if (a === null) return 1;
    if (b === null) return -1;
    const [left, right] = [BigInt(a), BigInt(b)];
    if (left !== right) return left > right ? -1 : 1;
  }
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

function byValue(a: CustomerValueView, b: CustomerValueView): number {
  return compareKeys(valueKey(a), a.customerId, valueKey(b), b.customerId);
}

function firstAfter(sorted: readonly CustomerValueView[], cursor: string): number {
  const position = decodeCursor(cursor);
  if (position.value !== null && (typeof position.value !== 'string' || !/^-?[0-9]{1,30}$/.test(position.value)))
    throw new InvalidCursor('the cursor is not one this query issued');
  const value = position.value;
  const index = sorted.findIndex((view) => compareKeys(valueKey(view), view.customerId, value, position.id) > 0);
  return index < 0 ? sorted.length : index;
}
