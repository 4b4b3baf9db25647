/** The policy settings the read side applies (ReadModelConfig). */
export const READ_MODEL_CONFIG = Symbol('ReadModelConfig');

/** How long a query with `minPosition` waits for its projections before answering 503. */
export const READ_YOUR_WRITE_TIMEOUT_MS = 5000;

/**
 * How the in-process runners read the event log (read-models runtime/run-loop.ts). The projector runs
 * in its own thread, so a batch costs the request loop nothing; once caught up its batches are what
 * arrived in the last 50 ms. Behind, it reads up to 1,000 events at a time: a document changed by
 * several of them is read and written once, and each collection's lease check is made once (on
 * FerretDB the three-instance run's read side caught up about twice as fast as with 100). A segment
 * count, read between two batches, waits at most one batch. Sagas are not waited for, so the feed
 * reads less often.
 */
export const PROJECTOR_PACING = { batchSize: 1000, minIntervalMs: 50 } as const;
export const FEED_PACING = { batchSize: 100, minIntervalMs: 100 } as const;
