import {
  CUSTOMER_ANALYTICS,
  CUSTOMER_ANALYTICS_MONTHS,
  type CustomerAnalytics,
  type CustomerAnalyticsHeader,
  type CustomerAnalyticsMonth,
  kpiDayOf,
} from '../projections/customer-analytics.projection';
import type { Stamped } from '../projections/projection';
import type { FindQuery, ReadModelStore } from '../read-model-store.port';
import { findAll } from './find-all';

/** Customers whose months one query asks for. */
const CUSTOMERS_PER_QUERY = 500;

/** A customer's header and months as one document: the months' days and products, in day order. */
export function assembleCustomerAnalytics<Header extends CustomerAnalyticsHeader>(
  header: Header,
  months: readonly CustomerAnalyticsMonth[],
): Header & CustomerAnalytics {
  const ordered = [...months].sort((a, b) => (a.month < b.month ? -1 : 1));
  return { ...header, days: ordered.flatMap((m) => m.days.map(kpiDayOf)), products: ordered.flatMap((m) => m.products) };
}

/**
 * Every customer's analytics, page by page; with `abovePosition`, only the customers changed after
 * it. Every event that changes a month changes its customer's header too, and the header is written
 * last (runtime/document-writes.ts), so a header above the position finds each changed month.
 */
export async function readAllCustomerAnalytics(store: ReadModelStore, abovePosition?: number): Promise<Stamped<CustomerAnalytics>[]> {
  const headers =
    abovePosition === undefined
      ? await findAll<Stamped<CustomerAnalyticsHeader>>(store, CUSTOMER_ANALYTICS)
      : byId(await findAll<Stamped<CustomerAnalyticsHeader>>(store, CUSTOMER_ANALYTICS, changedAbove(abovePosition)));
  const months = abovePosition === undefined ? await findAll<Stamped<CustomerAnalyticsMonth>>(store, CUSTOMER_ANALYTICS_MONTHS) : [];
  for (let from = 0; abovePosition !== undefined && from < headers.length; from += CUSTOMERS_PER_QUERY) {
    const customerIds = headers.slice(from, from + CUSTOMERS_PER_QUERY).map((header) => header.customerId);
    months.push(
      ...(await findAll<Stamped<CustomerAnalyticsMonth>>(store, CUSTOMER_ANALYTICS_MONTHS, {
        filter: { customerId: { $in: customerIds } },
      })),
    );
  }
  const byCustomer = new Map<string, CustomerAnalyticsMonth[]>();
  for (const month of months) byCustomer.set(month.customerId, [...(byCustomer.get(month.customerId) ?? []), month]);
  return headers.map((header) => assembleCustomerAnalytics(header, byCustomer.get(header.customerId) ?? []));
}

/**
 * The headers written after a position, read in position order, which the by_position index gives:
 * in id order the embedded store walked every header by id to find the few that changed.
 */
function changedAbove(position: number): Pick<FindQuery, 'filter' | 'sort'> {
  return { filter: { position: { $gt: position } }, sort: { field: 'position', direction: 'asc' } };
}

function byId<D extends Stamped<object>>(documents: D[]): D[] {
  return documents.sort((left, right) => (left._id < right._id ? -1 : left._id > right._id ? 1 : 0));
}
