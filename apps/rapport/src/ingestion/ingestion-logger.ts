import { Logger } from '@nestjs/common';
import type { IngestionLogger } from '@rapport/ingestion';

/** The Kafka adapter's log lines, as structured Nest log entries under the `ingestion` context. */
export function nestIngestionLogger(): IngestionLogger {
  const logger = new Logger('ingestion');
  return {
    log: (msg, fields) => logger.log({ msg, ...fields }),
    warn: (msg, fields) => logger.warn({ msg, ...fields }),
    error: (msg, fields) => logger.error({ msg, ...fields }),
  };
}
