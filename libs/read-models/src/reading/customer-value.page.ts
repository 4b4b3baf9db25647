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
  const sorted = values
    .map((view) => ({ view, key: valueKey(view) }))
    .sort((a, b) => compareKeys(a.key, a.view.customerId, b.key, b.view.customerId));
  const start = cursor === undefined ? 0 : firstAfter(sorted, cursor);
  const page = sorted.slice(start, start + limit);
  const last = page[page.length - 1];
  const hasMore = start + limit < sorted.length;
  return {
    documents: page.map(({ view }) => view),
    next: hasMore && last !== undefined ? encodeCursor({ value: last.key, id: last.view.customerId }) : null,
  };
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

function firstAfter(sorted: readonly { readonly view: CustomerValueView; readonly key: string | null }[], cursor: string): number {
  const position = decodeCursor(cursor);
  if (position.value !== null && (typeof position.value !== 'string' || !/^-?[0-9]{1,30}$/.test(position.value)))
    throw new InvalidCursor('the cursor is not one this query issued');
  const value = position.value;
  const index = sorted.findIndex(({ view, key }) => compareKeys(key, view.customerId, value, position.id) > 0);
  return index < 0 ? sorted.length : index;
}
