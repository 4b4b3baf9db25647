import { logLevel, type logCreator } from 'kafkajs';
import type { IngestionLogger } from '../../ingestion.port';

// kafkajs logs every retriable broker answer (CONCURRENT_TRANSACTIONS between two transactions, a
// coordinator still loading after a restart) as ERROR and retries it itself: these are not ours to report.
const ROUTINE = [/^Response /, /Limiting retries for the idempotent producer/, /switched default partitioner/];

/**
 * Routes kafkajs's own warn and error lines into the service's log as warnings: the client retries
 * them itself, and what finally fails reaches our code, which logs it as an error.
 */
export function kafkaLogCreator(logger: IngestionLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
      if (ROUTINE.some((pattern) => pattern.test(message))) return;
      const entry = { namespace, ...pickSafe(fields) };
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(`kafkajs: ${message}`, entry);
    };
}

/** Client log fields name brokers, groups and errors; keep only those, never payloads. */
function pickSafe(fields: Record<string, unknown>): Record<string, unknown> {
  const keep = ['broker', 'clientId', 'groupId', 'memberId', 'topic', 'partition', 'error', 'retryCount', 'retryTime'];
  return Object.fromEntries(Object.entries(fields).filter(([key]) => keep.includes(key)));
}
