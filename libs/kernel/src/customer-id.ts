export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const STREAM_PREFIX = 'customer-';

export type CustomerId = string;

export function isCustomerId(value: unknown): value is CustomerId {
  return typeof value === 'string' && CUSTOMER_ID_PATTERN.test(value);
}

/** The one place that builds a customer's stream id (design.md §2). */
export function customerStreamId(customerId: CustomerId): string {
  return `${STREAM_PREFIX}${customerId}`;
}

export function customerIdFromStreamId(streamId: string): CustomerId | undefined {
  return streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;
}

export const CUSTOMER_STREAM_PREFIX = STREAM_PREFIX;
