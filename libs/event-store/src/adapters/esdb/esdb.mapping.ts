import {
  ANY,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  excludeSystemEvents,
  type Filter,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from '@eventstore/db-client';
import type { EventMetadata } from '@rapport/kernel';
import type { EventToAppend, ExpectedRevision, JsonObject, RecordedEvent } from '../../event-store.port';

// EventStoreDB's conventional metadata keys; its $by_correlation_id projection and its UI read them.
const CORRELATION_ID = '$correlationId';
const CAUSATION_ID = '$causationId';

export function toEventData(event: EventToAppend): EventData {
  const metadata = { ...event.metadata, [CORRELATION_ID]: event.metadata.correlationId, [CAUSATION_ID]: event.metadata.causationId };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

/** The event as the port gives it back: EventStoreDB's own metadata keys removed, numbers checked. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (event === undefined) throw new Error('EventStoreDB returned a link without its event; links are not resolved here');
  if (!event.isJson || !isJsonObject(event.data) || !isJsonObject(event.metadata)) {
    throw new Error(`event ${event.id} in ${event.streamId} is not JSON with JSON metadata, so Rapport did not write it`);
  }
  const { [CORRELATION_ID]: _correlationId, [CAUSATION_ID]: _causationId, ...metadata } = event.metadata;
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: metadata as unknown as EventMetadata,
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: toSafeNumber(commitPositionOf(event), 'position'),
  };
}

/**
 * The port's position is the event's commit position. Read from $all, an event's position is
 * its log position twice (commit = prepare: EventStoreDB's ResolvedEvent.OriginalPosition on a
 * single node), so giving both halves the same number names that event exactly.
 */
export function toReadPosition(position: number): Position | typeof START {
  return position <= 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };
}

export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new RangeError(`an expected revision must be a whole number ≥ 0, not ${expected}`);
      }
      return BigInt(expected);
  }
}

/** Rapport reads user events only; EventStoreDB's own streams and event types start with $. */
export function isUserEvent(event: { readonly streamId: string; readonly type: string }, streamPrefix?: string): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$')) return false;
  return streamPrefix === undefined || event.streamId.startsWith(streamPrefix);
}

/** The server-side filter for isUserEvent: by stream prefix, or else excluding system event types. */
export function subscriptionFilter(streamPrefix: string | undefined): Filter {
  return streamPrefix ? streamNameFilter({ prefixes: [streamPrefix] }) : excludeSystemEvents();
}

/** uint64 values arrive as bigint; the port's numbers hold them exactly only below 2^53. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB ${what} ${value} does not fit the port's numbers`);
  }
  return Number(value);
}

function commitPositionOf(event: { readonly id: string; readonly position?: Position }): bigint {
  // Servers before 22.6 leave positions out of stream reads, and the port needs them.
  if (event.position === undefined) {
    throw new Error(`EventStoreDB gave no position for event ${event.id}; Rapport needs server 22.6 or later`);
  }
  return event.position.commit;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
