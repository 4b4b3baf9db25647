import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@rapport/event-store';
import { Metrics } from '../operations/metrics';
import { openSignalLog } from '../wiring/adapters';
import { APP_CONFIG, EVENT_STORE } from '../wiring/tokens';
import type { AppConfig } from '../config';
import { OwnedWork } from '../ownership/owned-work';
import { SignalPublisher } from './signal-publisher';

/** Stored events per transaction on the signals topic. */
export const SIGNALS_PER_APPEND = 500;

/** The owned-work lease of the outbound signals: with several instances, one of them publishes. */
export const SIGNALS_LEASE = 'signals';

/**
 * Runs the signal publisher while the app runs, when KAFKA_BROKERS is set, on the one instance that
 * holds the signals' lease (OwnedWork.whileOwner); another takes over when that one stops or dies.
 */
@Injectable()
export class SignalsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('signals');
  private readonly publisher: SignalPublisher | undefined;
  private unwatch: (() => Promise<void>) | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) events: EventStore,
    metrics: Metrics,
    private readonly ownedWork: OwnedWork,
  ) {
    const log = openSignalLog(config, SIGNALS_PER_APPEND);
    this.publisher = log
      ? new SignalPublisher(events, log, {
          batchSize: SIGNALS_PER_APPEND,
          idleMs: 1_000,
          retryBaseMs: 1_000,
          onFailure: (error, failures) =>
            this.logger.error({
              msg: 'signal publishing failed; reopening the topic and resuming after its last committed signal',
              failures,
              error: error instanceof Error ? error.message : String(error),
            }),
          onProgress: (position, signals) => {
            metrics.gauge('rapport_signals_position', 'Source position the outbound signals are published through', {}, position);
            metrics.count(
              'rapport_signals_published_total',
              'Outbound signals committed to the signals topic by this process',
              {},
              signals,
            );
          },
          onHalt: (reason) => {
            metrics.gauge('rapport_signals_halted', 'The signal publisher stopped for a reason only a person can fix (see the log)', {}, 1);
            this.logger.error({ msg: 'signal publishing halted', reason });
          },
        })
      : undefined;
  }

  onApplicationBootstrap(): void {
    const publisher = this.publisher;
    if (publisher !== undefined) this.unwatch = this.ownedWork.whileOwner(SIGNALS_LEASE, publisher);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.unwatch?.();
  }
}
