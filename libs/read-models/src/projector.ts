import type { EventStore } from '@rapport/event-store';
import type { ProjectedEvent } from './projections/projected-event';
import type { Projection } from './projections/projection';
import type { ReadModelStore, WriteResult } from './read-model-store.port';
import { applyEvents } from './runtime/apply-events';
import { checkpointWrite } from './runtime/checkpoints';
import { DocumentSet } from './runtime/document-set';
import { checkpointOf, heartbeatWrites, refreshFromStore } from './runtime/live-control';
import { PositionWaiters } from './runtime/position-waiters';
import { readProjectedEvents } from './runtime/read-events';
import { runLoop } from './runtime/run-loop';
import { statusOf, TrackedProjection, type ProjectionStatus } from './runtime/tracked-projection';
import { Wakeup } from './runtime/wakeup';

export interface ProjectorLogger {
  error(message: string, details: Readonly<Record<string, unknown>>): void;
}

export interface ProjectorOptions {
  /** Events read and applied per batch. Default 1000. */
  readonly batchSize?: number;
  /** Longest idle wait; also the heartbeat interval. Default 2000 ms. */
  readonly idleMs?: number;
  /** Once caught up, the least time between two reads of the log (runtime/run-loop.ts). Default 0. */
  readonly minReadIntervalMs?: number;
  /** First wait after a failure, doubled on each further one up to 30 s. Default 250 ms. */
  readonly retryBaseMs?: number;
  readonly clock?: () => Date;
  readonly logger?: ProjectorLogger;
}

/** Thrown when a guarded write is refused: another writer changed a document this projector owns. */
export class ProjectionWriteConflict extends Error {
  readonly code = 'projection-write-conflict';
}

/**
 * The live projector (design.md §4): reads all customer events after the stored checkpoints in
 * batches, applies each batch to in-memory documents loaded once, then writes, in this order,
 * the documents, the per-customer states that route them, and the checkpoints (compare-and-set
 * on the generation, so a rebuild's swap is never overwritten). A crash between any two writes
 * is harmless: every document skips events at or below its position. On any failure it stops,
 * waits, and resumes from the stored checkpoints; it never skips an event.
 */
export class Projector {
  private readonly tracked: TrackedProjection[];
  private readonly waiters = new PositionWaiters();
  private readonly wakeup = new Wakeup();
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly clock: () => Date;
  private head = 0;
  private running: Promise<void> | undefined;
  private isStopping = false;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    projections: readonly Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.tracked = projections.map((projection) => new TrackedProjection(projection));
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 2000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Starts the background loop; returns at once. */
  start(): void {
    if (this.running !== undefined) return;
    this.running = (async () => {
      this.head = await this.events.headPosition().catch(() => 0);
      this.wakeup.listen(this.events, this.head);
      await this.loop();
    })();
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    await this.wakeup.close();
    await this.running;
    for (const tracked of this.tracked) tracked.state = 'stopped';
    this.waiters.releaseAll();
  }

  status(): ProjectionStatus[] {
    return this.tracked.map((tracked) => statusOf(tracked, Math.max(this.head, tracked.position)));
  }

  /** Resolves true once every named projection has applied `position`, false after `timeoutMs`. */
  waitFor(names: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
    const reached = () => names.every((name) => (this.tracked.find((t) => t.name === name)?.position ?? -1) >= position);
    return this.waiters.wait(reached, timeoutMs);
  }

  private loop(): Promise<void> {
    return runLoop({
      step: () => this.step(),
      isStopping: () => this.isStopping,
      wakeup: this.wakeup,
      idleMs: this.idleMs,
      minStepIntervalMs: this.options.minReadIntervalMs,
      retryBaseMs: this.options.retryBaseMs ?? 250,
      onFailure: (error, failures) => this.recordFailure(error, failures),
    });
  }

  /**
   * One batch; true when more events are waiting. Once caught up, the checkpoints move to the head
   * read before the batch: events of other streams (not read here) lie below it, and a position that
   * stopped short of them would show a lag that never closes.
   */
  private async step(): Promise<boolean> {
    const now = this.clock();
    if (!(await refreshFromStore(this.store, this.tracked, now))) return true;
    this.waiters.notify();
    const head = await this.events.headPosition();
    this.head = head;
    const active = this.tracked.filter((t) => t.state !== 'paused');
    if (active.length === 0) return false;
    const from = Math.min(...active.map((t) => t.position));
    const page = await readProjectedEvents(this.events, from, this.batchSize);
    const isCaughtUp = page.count < this.batchSize;
    const end = Math.max(page.lastPosition ?? 0, isCaughtUp ? head : 0);
    if (active.every((t) => t.position >= end)) {
      for (const tracked of active) tracked.state = 'live';
      await this.write(heartbeatWrites(this.tracked, now, this.idleMs), false);
      return false;
    }
    await this.applyBatch(active, page.events, end, now);
    return !isCaughtUp;
  }

  private async applyBatch(active: readonly TrackedProjection[], events: readonly ProjectedEvent[], end: number, now: Date): Promise<void> {
    const documents = new DocumentSet();
    const behind = active.filter((t) => t.position < end);
    for (const tracked of behind) {
      tracked.state = 'catching-up';
      const mine = events.filter((e) => e.position > tracked.position && tracked.handles.has(e.type));
      await applyEvents(this.store, documents, tracked.projection, mine, (collection) => collection);
    }
    await this.write(documents.takeWrites(behind.flatMap((t) => t.projection.documents.map((rule) => rule.collection))), true);
    await this.write(documents.takeWrites(behind.flatMap((t) => (t.projection.state ? [t.projection.state.collection] : []))), true);
    // A refused checkpoint means a rebuild swapped generations meanwhile; the next refresh adopts it.
    const result = await this.write(behind.map((t) => checkpointWrite(checkpointOf(t, now, null, end), t.generation)), false);
    for (const tracked of behind) {
      if (result?.refused.includes(tracked.name)) continue;
      tracked.position = end;
      tracked.lastError = null;
    }
    this.waiters.notify();
  }

  private async write(batch: Parameters<ReadModelStore['write']>[0], isRefusalAFailure: boolean): Promise<WriteResult | undefined> {
    if (batch.length === 0) return undefined;
    const result = await this.store.write(batch);
    if (isRefusalAFailure && result.refused.length > 0) {
      throw new ProjectionWriteConflict(`another writer changed ${result.refused.length} document(s) first, e.g. ${result.refused[0]}`);
    }
    return result;
  }

  private recordFailure(error: unknown, failures: number): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    for (const tracked of this.tracked) {
      tracked.state = 'failed';
      tracked.lastError = message;
    }
    this.options.logger?.error('projector failed; resuming from the stored checkpoints', { error: message, failures });
  }
}
