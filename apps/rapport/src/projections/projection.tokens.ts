/** The policy settings the read side applies (ReadModelConfig). */
export const READ_MODEL_CONFIG = Symbol('ReadModelConfig');

/** How long a query with `minPosition` waits for its projections before answering 503. */
export const READ_YOUR_WRITE_TIMEOUT_MS = 5000;
