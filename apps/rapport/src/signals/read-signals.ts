import type { EventStore } from '@rapport/event-store';
import { CUSTOMER_STREAM_PREFIX } from '@rapport/kernel';
import { signalsFor } from './customer-signals';
import type { PositionedSignal } from './signal-log';

/** Stored events read per round, and at most per page: a page with few signals still ends soon. */
const READ_CHUNK = 500;
export const MAX_EVENTS_SCANNED = 5_000;

export interface SignalsPage {
  readonly signals: readonly PositionedSignal[];
  /** Pass as `after` for the next page: the position of the last stored event this page covered. */
  readonly next: number;
}

/**
 * The signals of the stored events after `after`, in position order, as the publisher writes them
 * to Kafka: at most `limit` (whole events only), from at most MAX_EVENTS_SCANNED stored events.
 */
export async function readSignals(events: EventStore, after: number, limit: number): Promise<SignalsPage> {
  const signals: PositionedSignal[] = [];
  let next = after;
  for (let scanned = 0; scanned < MAX_EVENTS_SCANNED && signals.length < limit;) {
    const records = await events.readAll({ afterPosition: next, maxCount: READ_CHUNK, streamPrefix: CUSTOMER_STREAM_PREFIX });
    for (const record of records) {
      if (signals.length >= limit) break;
      signals.push(...signalsFor(record).map((signal) => ({ position: record.position, signal })));
      next = record.position;
    }
    scanned += records.length;
    if (records.length < READ_CHUNK) break;
  }
  return { signals, next };
}
