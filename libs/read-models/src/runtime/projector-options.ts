import type { CollectionNames } from './apply-events';
import type { Lease } from './lease';
import type { RebuildProjections } from './shape-upgrade';

export interface ProjectorLogger {
  error(message: string, details: Readonly<Record<string, unknown>>): void;
  info?(message: string, details: Readonly<Record<string, unknown>>): void;
}

export interface ProjectorOptions {
  /** Events read and handled per batch. Default 1000. */
  readonly batchSize?: number;
  /** Longest idle wait; also the heartbeat interval. Default 2000 ms. */
  readonly idleMs?: number;
  /** Once caught up, the least time between two reads of the log (runtime/run-loop.ts). Default 0. */
  readonly minReadIntervalMs?: number;
  /** First wait after a failure, doubled on each further one up to 30 s. Default 250 ms. */
  readonly retryBaseMs?: number;
  readonly clock?: () => Date;
  readonly logger?: ProjectorLogger;
  /** Told after each step of the live loop and each failure: `status()` may have changed (a host in another thread mirrors it). */
  readonly onStatusChange?: () => void;
  /**
   * The lease that makes this process the one writer of these handlers (issue 16). While another
   * process holds it, this one follows: it reads the stored checkpoints (so `waitFor` answers for
   * the owner's progress) and writes nothing. Every write of a holding is fenced by its token.
   * Without a lease the projector writes unfenced, as the only process there is.
   */
  readonly lease?: Lease;
  /**
   * How the live projector rebuilds the projections whose stored documents have an older shape than
   * the code's (runtime/shape-upgrade.ts). Unset: they stay `outdated` until `projections rebuild`.
   */
  readonly rebuildOutdated?: RebuildProjections;
  /** Set: the rebuild mode (`catchUp`), not the live loop. */
  readonly exclusive?: ExclusiveMode;
}

export interface CatchUpProgress {
  readonly position: number;
  readonly head: number;
  /** Events read so far by this projector. */
  readonly events: number;
}

/**
 * The rebuild mode: the runtime fills collections nobody else writes or reads yet (a rebuild's
 * fresh ones) from position 0, with the same reads, routing and write order as the live mode. As
 * their only writer it keeps documents in memory across batches and writes each changed one once
 * per flush. It keeps no checkpoint: a rebuild that fails starts again from scratch.
 */
export interface ExclusiveMode {
  /** The physical collection of each projection collection (a rebuild's fresh ones). */
  readonly names: CollectionNames;
  /**
   * Events applied between writes. Default 1,000,000: a document changed many times between writes
   * is written once, and writing is most of a rebuild's cost when done often (measured with bench/rebuild).
   */
  readonly flushEveryEvents?: number;
  /** Documents held in memory (about 6 KB each) before they are written and dropped. Default 200,000. */
  readonly maxCachedDocuments?: number;
  /** The collections are known to hold nothing yet (a rebuild has just made them): no look-ups until the cache is first dropped. */
  readonly isStoreEmpty?: boolean;
  readonly onProgress?: (progress: CatchUpProgress) => void;
  /** Aborts the catch-up between two batches. */
  readonly signal?: AbortSignal;
}
