import type { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { startWorker } from '@rapport/kernel';
import {
  allProjections,
  PositionWaiters,
  type Projection,
  type ProjectionStatus,
  type ReadModelAdmin,
  type ReadModelConfig,
} from '@rapport/read-models';
import { AppendNotices } from '../commands/append-notices';
import { policyOf, type AppConfig } from '../config';
import { Metrics } from '../operations/metrics';
import { OwnedWork } from '../ownership/owned-work';
import { APP_CONFIG, READ_MODEL_ADMIN } from '../wiring/tokens';
import { READ_MODEL_CONFIG } from './projection.tokens';
// The protocol, not the worker's module: loading that here would run it.
import {
  PROJECTOR_LEASE,
  type FromProjectorWorker,
  type ProjectorReport,
  type ProjectorWorkerData,
  type ToProjectorWorker,
} from './projector-worker.protocol';

const METRICS_INTERVAL_MS = 1000;
/** The wait before a dead worker is replaced, doubled for each death in a row up to 30 s. */
const RESTART_BASE_MS = 500;
const RESTART_MAX_MS = 30_000;
/** How long a stop waits for the worker to finish its batch, give up its lease and close its stores. */
const STOP_TIMEOUT_MS = 10_000;

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly worker: Worker; readonly exited: Promise<void> }
  | { readonly kind: 'restarting'; readonly reason: string; readonly timer: NodeJS.Timeout }
  | { readonly kind: 'stopped' };

/**
 * Runs the live projector in a worker thread (issue 16, both cores): applying batches to a dozen
 * read models is CPU work that, on the request loop, delayed every request. The worker opens stores
 * of its own and reports its status after each step; this host mirrors it, so status, positions,
 * the read-your-write wait and the reads between batches keep their shape for the queries. A dead
 * worker is logged, shown as failed (status, /health) and replaced after a back-off.
 */
@Injectable()
export class ProjectorHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly waiters = new PositionWaiters();
  /** Reads waiting for a gap between two batches, by id, each resolved when the worker grants it. */
  private readonly grants = new Map<number, () => void>();
  private readonly workerData: ProjectorWorkerData;
  private phase: Phase = { kind: 'idle' };
  private report: ProjectorReport;
  private deathsInARow = 0;
  private lastReadId = 0;
  private metricsTimer: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;

  constructor(
    @Inject(READ_MODEL_ADMIN) private readonly admin: ReadModelAdmin,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(APP_CONFIG) appConfig: AppConfig,
    private readonly metrics: Metrics,
    private readonly appends: AppendNotices,
    ownedWork: OwnedWork,
  ) {
    const { dataDir, eventStoreConnectionString, sqliteSynchronous, mongoUrl } = appConfig;
    this.workerData = {
      stores: { dataDir, eventStoreConnectionString, sqliteSynchronous, mongoUrl },
      policy: policyOf(appConfig),
      crashAfterProjectedDocuments: appConfig.crashAfterProjectedDocuments,
      lease: ownedWork.leaseOptions,
    };
    this.report = { status: allProjections(config).map(startingStatus), isOwner: false, outdated: [] };
    ownedWork.heldInWorker(PROJECTOR_LEASE, () => this.phase.kind === 'running' && this.report.isOwner);
  }

  /** Creates the collections and their indexes (design: indexes at start), then starts the worker. */
  async onApplicationBootstrap(): Promise<void> {
    for (const spec of allProjections(this.config).flatMap((p) => p.collections)) await this.admin.ensureCollection(spec);
    this.stopListening = this.appends.listen(() => this.send({ type: 'appended' }));
    this.spawn();
    this.metricsTimer = setInterval(() => this.publishMetrics(), METRICS_INTERVAL_MS);
    this.metricsTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.metricsTimer);
    this.stopListening?.();
    const phase = this.phase;
    this.phase = { kind: 'stopped' };
    if (phase.kind === 'restarting') clearTimeout(phase.timer);
    if (phase.kind === 'running') await this.stopWorker(phase.worker, phase.exited);
    this.report = { status: this.report.status.map((s) => ({ ...s, state: 'stopped' as const })), isOwner: false, outdated: [] };
    this.waiters.releaseAll();
  }

  status(): ProjectionStatus[] {
    return [...this.report.status];
  }

  /** Whether the worker runs: /health reports a dead one until its replacement starts. */
  workerHealth(): { readonly status: 'ready' } | { readonly status: 'unavailable'; readonly detail: string } {
    if (this.phase.kind === 'running') return { status: 'ready' };
    if (this.phase.kind === 'restarting')
      return { status: 'unavailable', detail: `projector worker died (${this.phase.reason}); restarting` };
    return { status: 'unavailable', detail: `projector worker ${this.phase.kind === 'idle' ? 'not started' : 'stopped'}` };
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
    return this.report.outdated.some((name) => names.includes(name));
  }

  /** Changes whenever any of the named projections applies events or adopts a rebuilt generation. */
  versionOf(names: readonly string[]): string {
    return this.status()
      .filter((s) => names.includes(s.name))
      .map((s) => `${s.name}:${s.generation}@${s.position}`)
      .join(',');
  }

  /** Resolves true once the worker reports every named projection at `position`, false after `timeoutMs`. */
  waitFor(names: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
    const isReached = () => names.every((name) => (this.report.status.find((s) => s.name === name)?.position ?? -1) >= position);
    const waiting = this.waiters.wait(isReached, timeoutMs);
    // A worker that follows another instance reads its checkpoints at once for a waiting reader.
    if (!isReached()) this.send({ type: 'wait', names, position, timeoutMs });
    return waiting;
  }

  /**
   * Runs `read` between two of the worker's batches (Projector.readBetweenBatches): a read of
   * several documents of one projection (segment counts: totals and members) never sees a batch
   * half-written. With no worker running, no batch is under way and it reads at once.
   */
  async readBetweenBatches<T>(read: () => Promise<T>): Promise<T> {
    if (this.phase.kind !== 'running') return read();
    const id = ++this.lastReadId;
    await new Promise<void>((granted) => {
      this.grants.set(id, granted);
      this.send({ type: 'read-begin', id });
    });
    try {
      return await read();
    } finally {
      this.send({ type: 'read-end', id });
    }
  }

  private spawn(): void {
    const worker = startWorker(__filename, 'projector.worker', { workerData: this.workerData });
    let failure: string | undefined;
    worker.on('error', (error) => (failure = `${error.name}: ${error.message}`));
    worker.on('message', (message: FromProjectorWorker) => this.receive(message));
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', (code) => {
        this.onExit(worker, failure ?? `exit code ${code}`);
        resolve();
      }),
    );
    this.phase = { kind: 'running', worker, exited };
  }

  private receive(message: FromProjectorWorker): void {
    switch (message.type) {
      case 'status':
        this.deathsInARow = 0;
        return this.adopt(message.report);
      case 'read-granted':
        this.adopt(message.report);
        this.grants.get(message.id)?.();
        return void this.grants.delete(message.id);
      case 'log':
        if (message.level === 'info') return this.logger.log({ msg: message.message, ...message.details });
        return this.logger.error({ msg: message.message, ...message.details });
    }
  }

  private adopt(report: ProjectorReport): void {
    this.report = report;
    this.waiters.notify();
  }

  /** Reads waiting for a gap between batches have one once the worker is gone; a worker that died unasked is replaced. */
  private onExit(worker: Worker, reason: string): void {
    for (const granted of this.grants.values()) granted();
    this.grants.clear();
    if (this.phase.kind !== 'running' || this.phase.worker !== worker) return;
    this.deathsInARow += 1;
    const delayMs = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (this.deathsInARow - 1));
    this.logger.error({ msg: 'projector worker died; starting another', reason, restartInMs: delayMs, deathsInARow: this.deathsInARow });
    this.metrics.count('rapport_projector_worker_deaths_total', 'Projector worker threads that died and were replaced', {});
    const lastError = `projector worker died: ${reason}`;
    this.report = { status: this.report.status.map((s) => ({ ...s, state: 'failed' as const, lastError })), isOwner: false, outdated: [] };
    const timer = setTimeout(() => this.spawn(), delayMs);
    timer.unref();
    this.phase = { kind: 'restarting', reason, timer };
  }

  private async stopWorker(worker: Worker, exited: Promise<void>): Promise<void> {
    worker.postMessage({ type: 'stop' } satisfies ToProjectorWorker);
    const timer = setTimeout(() => {
      this.logger.error({ msg: 'projector worker did not stop in time; ending it', timeoutMs: STOP_TIMEOUT_MS });
      void worker.terminate();
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private send(message: ToProjectorWorker): void {
    if (this.phase.kind === 'running') this.phase.worker.postMessage(message);
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

function startingStatus(projection: Projection): ProjectionStatus {
  const collections = projection.collections.map((c) => c.name);
  return { name: projection.name, collections, position: 0, head: 0, lag: 0, state: 'starting', generation: '', lastError: null };
}
