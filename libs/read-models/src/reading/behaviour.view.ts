import type { BehaviourFeatures, CustomerBehaviour } from '@rapport/analytics';
import { DAY_MS, fromMinorUnits } from '@rapport/kernel';
import type { CustomerAnalytics } from '../projections/customer-analytics.projection';

/** Frequency and monetary value look at the trailing 365 days. */
const TRAILING_DAYS = 365;

/**
 * The behaviour features of every customer as of `now` (issue #13): recency, frequency and
 * monetary value (revenue in `currency`, major units), product categories used, average CSAT
 * (the book's average for a customer who never answered) and complaints filed.
 */
export function behaviourOf(customers: readonly CustomerAnalytics[], now: Date, currency: string): CustomerBehaviour[] {
  const answered = customers.filter((c) => c.csat.responses > 0);
  const bookCsat = answered.length === 0 ? 0 : answered.reduce((sum, c) => sum + c.csat.sum / c.csat.responses, 0) / answered.length;
  return customers.map((customer) => ({ customerId: customer.customerId, features: featuresOf(customer, now, currency, bookCsat) }));
}

function featuresOf(customer: CustomerAnalytics, now: Date, currency: string, bookCsat: number): BehaviourFeatures {
  const windowStart = new Date(now.getTime() - TRAILING_DAYS * DAY_MS).toISOString().slice(0, 10);
  const recent = customer.products.filter((p) => p.day > windowStart);
  const revenueMinor = recent.reduce((sum, p) => sum + BigInt(p.revenueMinor[currency] ?? '0'), 0n);
  const since = customer.lastTransactionAt ?? customer.acquiredAt;
  return {
    recencyDays: Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS)),
    frequency: recent.reduce((sum, p) => sum + p.transactions, 0),
    monetary: Number(fromMinorUnits(revenueMinor, currency).amount),
    productCategories: new Set(customer.products.map((p) => p.category)).size,
    averageCsat: customer.csat.responses > 0 ? customer.csat.sum / customer.csat.responses : bookCsat,
    complaints: customer.days.reduce((sum, day) => sum + day.complaintsFiled, 0),
  };
}
