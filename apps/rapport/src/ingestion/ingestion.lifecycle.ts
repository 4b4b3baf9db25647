import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { IngestionSource, MessageHandler } from '@rapport/ingestion';
import { INGESTION_SOURCE } from '../wiring/tokens';
import { KAFKA_MESSAGE_HANDLER } from './ingestion.tokens';

const RETRY_START_MS = 5_000;
/** Boot waits this long for the first start (topics created, group joined), then lets it finish in the background. */
const BOOT_WAIT_MS = 15_000;

/**
 * Starts the Kafka consumer once the app is up (when KAFKA_BROKERS is set) and stops it before the
 * stores close: on SIGTERM the messages in hand finish and their offsets are committed first.
 */
@Injectable()
export class IngestionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ingestion');
  private retryTimer: NodeJS.Timeout | undefined;
  private isShuttingDown = false;

  constructor(
    @Inject(INGESTION_SOURCE) private readonly source: IngestionSource | null,
    @Inject(KAFKA_MESSAGE_HANDLER) private readonly handler: MessageHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.source) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, BOOT_WAIT_MS)));
    await Promise.race([this.start(this.source), waited]);
    clearTimeout(timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.isShuttingDown = true;
    clearTimeout(this.retryTimer);
    await this.source?.stop();
  }

  /** A broker that is down at boot does not keep the HTTP side from serving: keep trying in the background. */
  private async start(source: IngestionSource): Promise<void> {
    try {
      await source.start(this.handler);
    } catch (error: unknown) {
      this.logger.error({ msg: 'ingestion could not start, retrying', error: error instanceof Error ? error.message : String(error) });
      await source.stop().catch(() => undefined);
      if (!this.isShuttingDown) this.retryTimer = setTimeout(() => void this.start(source), RETRY_START_MS);
    }
  }
}
