/** The policy settings the read side applies (ReadModelConfig). */
export const READ_MODEL_CONFIG = Symbol('ReadModelConfig');

/** How long a query with `minPosition` waits for its projections before answering 503. */
export const READ_YOUR_WRITE_TIMEOUT_MS = 5000;

/**
 * How the in-process runners read the event log (read-models runtime/run-loop.ts). A batch of 100 events
 * costs the projector a few milliseconds of the event loop; 50 ms between reads makes it one batch
 * per 25 commands at 500 commands/s instead of one per group commit. A query with `minPosition`
 * waits at most that much longer. Sagas are not waited for, so the feed reads less often.
 */
export const PROJECTOR_PACING = { batchSize: 100, minIntervalMs: 50 } as const;
export const FEED_PACING = { batchSize: 100, minIntervalMs: 100 } as const;
