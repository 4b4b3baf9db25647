import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './emulator.store';

export type EventFilter = (event: StoredEvent) => boolean;

/**
 * The read's server-side filter, as EventStoreDB builds it (Streams.Read ConvertToEventFilter):
 * on the stream name or the event type, a regex when one is given, else any of the prefixes.
 * Without a filter every event passes. The search window and checkpoints are not emulated.
 */
export function filterOf(options: ReadReq.Options): EventFilter {
  const filter = options.getFilter();
  if (filter === undefined) return () => true;
  const isOnStreamName = filter.hasStreamIdentifier();
  const expression = isOnStreamName ? filter.getStreamIdentifier() : filter.getEventType();
  const subject = (event: StoredEvent) => (isOnStreamName ? event.streamName : event.type);
  const regex = expression?.getRegex() ?? '';
  if (regex !== '') {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(subject(event));
  }
  const prefixes = expression?.getPrefixList() ?? [];
  return (event) => prefixes.some((prefix) => subject(event).startsWith(prefix));
}
