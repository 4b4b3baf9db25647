import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { instantOf, type Clock, type Instant } from '@rapport/kernel';
import { DEFAULT_SWEEP_INTERVAL_MS, type AppConfig } from '../config';
import { OwnedWork } from '../ownership/owned-work';
import { APP_CONFIG, CLOCK } from '../wiring/tokens';
import { TIME_SWEEPS, type SweepReport, type TimeSweep } from './time-sweeps';

/** The owned-work lease of the sweeps: with several instances, one of them sweeps, so no sweep command is issued twice. */
export const SWEEPS_LEASE = 'time-sweeps';

/**
 * Runs every registered sweep every RAPPORT_SWEEP_INTERVAL_MS (0: never), one run at a time, on
 * the instance that holds the sweeps' lease (OwnedWork); one failing sweep does not stop the others.
 */
@Injectable()
export class TimeSweepHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('sweeps');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(TIME_SWEEPS) private readonly sweeps: readonly TimeSweep[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ownedWork: OwnedWork,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (interval === 0) return;
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Every sweep once, in order, as of `now`; the reports of those that finished, by sweep name. */
  async runAll(now: Instant): Promise<Readonly<Record<string, SweepReport>>> {
    const reports: Record<string, SweepReport> = {};
    for (const sweep of this.sweeps) {
      try {
        const report = await sweep.sweep(now);
        reports[sweep.name] = report;
        if (report.appended > 0) this.logger.log({ msg: 'swept', sweep: sweep.name, ...report });
      } catch (error: unknown) {
        this.logger.error({ msg: 'sweep failed', sweep: sweep.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return reports;
  }

  /** A tick while the previous run is still going is skipped rather than queued. */
  private tick(): void {
    if (this.running !== undefined) return;
    this.running = this.runIfOwner().finally(() => {
      this.running = undefined;
    });
  }

  private async runIfOwner(): Promise<void> {
    try {
      await this.ownedWork.runIfOwner(SWEEPS_LEASE, async () => {
        await this.runAll(instantOf(this.clock.now()));
      });
    } catch (error: unknown) {
      this.logger.error({ msg: 'sweep lease unavailable', error: error instanceof Error ? error.message : String(error) });
    }
  }
}
