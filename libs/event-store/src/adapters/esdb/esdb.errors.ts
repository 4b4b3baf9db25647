import { type CommandError, convertToCommandError, ErrorType, isCommandError, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreUnavailable, StreamRevisionConflict } from '../../event-store.errors';
import type { ExpectedRevision } from '../../event-store.port';

/** The append an error came from, so a wrong expected version can name the port's expectation. */
export interface AppendContext {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
}

// The client resets its channel on UNAVAILABLE and CANCELLED and follows NOT_LEADER, so the next
// call goes to a fresh connection; deadlines and server timeouts may pass too.
const TRANSIENT: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/** Whether trying the same call again may succeed: the server was unreachable or busy. */
export function isTransient(error: unknown): boolean {
  const type = asCommandError(error)?.type;
  return type !== undefined && TRANSIENT.has(type);
}

export function isStreamNotFound(error: unknown): boolean {
  return asCommandError(error)?.type === ErrorType.STREAM_NOT_FOUND;
}

/**
 * The one place that turns the client's errors into the port's (style.md §8): a wrong expected
 * version becomes StreamRevisionConflict; every other error the server or the connection gave
 * (unavailable, deadline, access denied, deleted stream, ...) becomes EventStoreUnavailable.
 * Anything else is a bug here and is rethrown as it is.
 */
export function toPortError(error: unknown, append?: AppendContext): unknown {
  const commandError = asCommandError(error);
  if (commandError instanceof WrongExpectedVersionError && append !== undefined) {
    const actual = commandError.actualVersion === 'no_stream' ? 'no-stream' : Number(commandError.actualVersion);
    return new StreamRevisionConflict(append.streamId, append.expected, actual);
  }
  if (commandError === undefined) return error;
  return new EventStoreUnavailable(`EventStoreDB failed (${commandError.type}): ${commandError.message}`, { cause: error });
}

/** For errors already known to be the server's or the connection's (see isTransient). */
export function toUnavailable(error: unknown): EventStoreUnavailable {
  const mapped = toPortError(error);
  return mapped instanceof EventStoreUnavailable ? mapped : new EventStoreUnavailable(String(error), { cause: error });
}

// Most calls reject with the client's CommandError, but a classic append can reject with the raw
// gRPC ServiceError of its request stream; the client's own conversion reads both alike.
function asCommandError(error: unknown): CommandError | undefined {
  if (!(error instanceof Error)) return undefined;
  const converted = convertToCommandError(error);
  return isCommandError(converted) ? converted : undefined;
}
