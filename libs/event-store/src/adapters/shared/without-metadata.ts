import type { RecordedEvent, RecordedEventData } from '../../event-store.port';

/** The event with no metadata but its schema version, for adapters whose reads decode it anyway (readAllWithoutMetadata). */
export function withoutMetadata({ id, type, data, metadata, streamId, revision, position }: RecordedEvent): RecordedEventData {
  return { id, type, data, metadata: { schemaVersion: metadata.schemaVersion }, streamId, revision, position };
}
