import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@rapport/event-store';
import {
  allProjections,
  Projector,
  rebuildProjections,
  type ProjectionStatus,
  type ReadModelAdmin,
  type ReadModelConfig,
  type ReadModelStore,
} from '@rapport/read-models';
import type { AppConfig } from '../config';
import { Metrics } from '../operations/metrics';
import { OwnedWork } from '../ownership/owned-work';
import { APP_CONFIG, EVENT_STORE, READ_MODEL_ADMIN, READ_MODEL_STORE } from '../wiring/tokens';
import { crashingAfterDocuments } from './crash-hook';
import { PROJECTOR_PACING, READ_MODEL_CONFIG } from './projection.tokens';

const METRICS_INTERVAL_MS = 1000;
/**
 * The projector is owned as a whole (one lease for every projection): it reads the log once per
 * batch for all of them, so splitting them over instances would multiply the reads for little gain.
 */
export const PROJECTOR_LEASE = 'projector';

/** Runs the live projector inside the service: started once the app is up, stopped before the stores close. */
@Injectable()
export class ProjectorHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly projector: Projector;
  private metricsTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    @Inject(READ_MODEL_ADMIN) private readonly admin: ReadModelAdmin,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(APP_CONFIG) appConfig: AppConfig,
    private readonly metrics: Metrics,
    ownedWork: OwnedWork,
  ) {
    const crashAfter = appConfig.crashAfterProjectedDocuments;
    const written = crashAfter === undefined ? store : crashingAfterDocuments(store, crashAfter);
    // Paced reads and small batches keep each turn of the event loop the projector takes short.
    this.projector = new Projector(events, written, allProjections(config), {
      batchSize: PROJECTOR_PACING.batchSize,
      minReadIntervalMs: PROJECTOR_PACING.minIntervalMs,
      lease: ownedWork.lease(PROJECTOR_LEASE),
      // An upgrade that changed a projection's shape needs no manual step: the owner rebuilds it.
      rebuildOutdated: (projections, signal) => rebuildProjections(events, written, admin, projections, { signal }),
      logger: {
        error: (message, details) => this.logger.error({ msg: message, ...details }),
        info: (message, details) => this.logger.log({ msg: message, ...details }),
      },
    });
  }

  /** Creates the collections and their indexes (design: indexes at start), then starts projecting in the background. */
  async onApplicationBootstrap(): Promise<void> {
    for (const spec of allProjections(this.config).flatMap((p) => p.collections)) await this.admin.ensureCollection(spec);
    this.projector.start();
    this.metricsTimer = setInterval(() => this.publishMetrics(), METRICS_INTERVAL_MS);
    this.metricsTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.metricsTimer);
    await this.projector.stop();
  }

  status(): ProjectionStatus[] {
    return this.projector.status();
  }

  /** The lowest position among the named projections: what an answer built from them reflects. */
  positionOf(names: readonly string[]): number {
    const positions = this.status()
      .filter((s) => names.includes(s.name))
      .map((s) => s.position);
    return positions.length === 0 ? 0 : Math.min(...positions);
  }

  /** Whether any of the named projections holds documents of a shape this code cannot read (until its rebuild after an upgrade). */
  isOutdated(names: readonly string[]): boolean {
    return this.projector.outdated().some((name) => names.includes(name));
  }

  /** Changes whenever any of the named projections applies events or adopts a rebuilt generation. */
  versionOf(names: readonly string[]): string {
    return this.status()
      .filter((s) => names.includes(s.name))
      .map((s) => `${s.name}:${s.generation}@${s.position}`)
      .join(',');
  }

  waitFor(names: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
    return this.projector.waitFor(names, position, timeoutMs);
  }

  /** Runs `read` between two of the projector's batches (Projector.readBetweenBatches). */
  readBetweenBatches<T>(read: () => Promise<T>): Promise<T> {
    return this.projector.readBetweenBatches(read);
  }

  private publishMetrics(): void {
    for (const status of this.status()) {
      const labels = { projection: status.name };
      this.metrics.gauge(
        'rapport_projection_position',
        'Global position up to which a projection has applied every event',
        labels,
        status.position,
      );
      this.metrics.gauge('rapport_projection_lag', 'Positions between the head of the event store and a projection', labels, status.lag);
    }
  }
}
