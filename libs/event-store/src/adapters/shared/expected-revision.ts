import { StreamRevisionConflict } from '../../event-store.errors';
import type { ExpectedRevision } from '../../event-store.port';

/**
 * Throws StreamRevisionConflict unless a stream whose last revision is `current`
 * (undefined: the stream does not exist) meets `expected`.
 */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | undefined): void {
  if (isExpectedRevisionMet(expected, current)) return;
  throw new StreamRevisionConflict(streamId, expected, current ?? 'no-stream');
}

function isExpectedRevisionMet(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === undefined;
    case 'stream-exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}
