import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { anchorConfigOf, type AppConfig } from '../../config';
import { APP_CONFIG } from '../../wiring/tokens';
import { AnchorsService } from './anchors.service';

/** Anchors at RAPPORT_ANCHOR_INTERVAL_SECONDS while the service runs, when some stream moved. */
@Injectable()
export class AnchorSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('anchors');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly anchors: AnchorsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { intervalSeconds } = anchorConfigOf(this.config);
    if (intervalSeconds === 0) return;
    this.timer = setInterval(() => this.tick(), intervalSeconds * 1_000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running = this.anchors.anchorIfMoved().then(
      (anchor) =>
        anchor && this.logger.log({ msg: 'anchored', sequence: anchor.sequence, position: anchor.position, streams: anchor.heads.length }),
      (error: unknown) => this.logger.error({ msg: 'anchoring failed', error: error instanceof Error ? error.message : String(error) }),
    );
  }
}
