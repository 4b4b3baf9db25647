import type { RecordedEvent, RecordedEventData } from '../../event-store.port';

/** The event without its metadata, for adapters whose reads decode it anyway (readAllWithoutMetadata). */
export function withoutMetadata({ id, type, data, streamId, revision, position }: RecordedEvent): RecordedEventData {
  return { id, type, data, streamId, revision, position };
}
