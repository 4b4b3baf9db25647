import type { AppendResult, ExpectedRevision } from '../../event-store.port';

/** An event as its row stores it: data and metadata already JSON text. */
export type EventRow = readonly [id: string, type: string, data: string, metadata: string, schemaVersion: number];

export interface AppendRequest {
  readonly streamId: string;
  readonly rows: readonly EventRow[];
  readonly expected: ExpectedRevision;
}

/** What the writer thread is started with. */
export interface WriterSettings {
  readonly file: string;
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  readonly walCopyIntervalMs: number;
}

/**
 * The main thread's requests. The writer thread takes them one at a time, in the order sent, and
 * answers each with one reply, in the same order: `append` with `appended`, `dataVersion` with
 * `dataVersion`. `close` is the last and has no reply: the thread ends once its connection is closed.
 */
export type WriterRequest =
  { readonly kind: 'append'; readonly group: readonly AppendRequest[] } | { readonly kind: 'dataVersion' } | { readonly kind: 'close' };

/**
 * Why an append failed, as plain data: a thrown error crosses threads with its message only, not
 * its own fields (`code`, `streamId`, ...), so the main thread rebuilds the port error from this.
 */
export type AppendFailure =
  | { readonly kind: 'conflict'; readonly streamId: string; readonly expected: ExpectedRevision; readonly actual: number | 'no-stream' }
  | { readonly kind: 'unavailable'; readonly message: string }
  | { readonly kind: 'unexpected'; readonly message: string };

export type AppendOutcome = { readonly ok: true; readonly value: AppendResult } | { readonly ok: false; readonly failure: AppendFailure };

export type WriterReply =
  | { readonly kind: 'appended'; readonly outcomes: readonly AppendOutcome[] }
  /** The writer connection's `PRAGMA data_version`. */
  | { readonly kind: 'dataVersion'; readonly value: number };
