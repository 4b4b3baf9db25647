/** The store could not be reached or failed; the caller retries later (projectors resume from their checkpoint). */
export class ReadModelStoreUnavailable extends Error {
  readonly code = 'read-model-store-unavailable';
}

/** A cursor the store did not issue (tampered with, or from another query). */
export class InvalidCursor extends Error {
  readonly code = 'invalid-cursor';
}

export function isInvalidCursor(error: unknown): error is InvalidCursor {
  return (error as { code?: unknown } | null)?.code === 'invalid-cursor';
}
