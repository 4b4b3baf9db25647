import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the expected revision. Callers check `code`, not only instanceof. */
export class StreamRevisionConflict extends Error {
  readonly code = 'stream-revision-conflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${streamId} expected at ${String(expected)} but is at ${String(actual)}`);
  }
}

/** The store could not be reached or failed; the operation may be retried later. */
export class EventStoreUnavailable extends Error {
  readonly code = 'event-store-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isStreamRevisionConflict(error: unknown): error is StreamRevisionConflict {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'stream-revision-conflict';
}
