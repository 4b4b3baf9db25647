import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, RecordedEvent } from '@rapport/event-store';
import type { ProjectedEvent } from './projections/projected-event';
import type { Projection } from './projections/projection';
import type { CollectionWrites, Fence, ReadModelStore, WriteResult } from './read-model-store.port';
import { applyEvents, type CollectionNames } from './runtime/apply-events';
import { BatchGate } from './runtime/batch-gate';
import { checkpointWrite, readControl } from './runtime/checkpoints';
import { DocumentSet } from './runtime/document-set';
import { documentWrites, inTransactionsOf } from './runtime/document-writes';
import { isFeed, statusOf, TrackedHandler, type Handler, type ProjectionStatus } from './runtime/handler';
import type { ProjectorOptions } from './runtime/projector-options';
import { adoptCheckpoint, checkpointOf, heartbeatWrites, refreshFromStore } from './runtime/live-control';
import { PositionWaiters } from './runtime/position-waiters';
import { readProjectedEvents, readRecords, type EventPage } from './runtime/read-events';
import { runLoop } from './runtime/run-loop';
import { ShapeUpgrade } from './runtime/shape-upgrade';
import { Wakeup } from './runtime/wakeup';

export type { CatchUpProgress, ExclusiveMode, ProjectorLogger, ProjectorOptions } from './runtime/projector-options';

/** Thrown when a guarded write is refused: another writer changed a document this projector owns. */
export class ProjectionWriteConflict extends Error {
  readonly code = 'projection-write-conflict';
}

const LIVE_NAMES = (collection: string) => collection;
/** The rebuild mode's flush goes out in transactions of this many documents at most (runtime/document-writes.ts). */
export const FLUSH_DOCUMENTS_PER_WRITE = 5000;
/**
 * Documents the live mode keeps between batches (about 11 MB of heap for 20,000 documents of the
 * bench's mix): a customer's next events, and the documents many customers share (days, periods,
 * segment totals), then need no read.
 */
const LIVE_KEPT = 20_000;
/** How often a follower looks at the owner's checkpoints while a reader waits for a position. */
const FOLLOW_POLL_MS = 50;

/**
 * The projection runtime (design.md §4), in its live mode (`start`) or its rebuild mode (`catchUp`,
 * with `exclusive`). Live, each batch of customer events after the stored
 * checkpoints goes to every handler still behind: document projections are applied to in-memory
 * documents loaded once and written, documents before the per-customer states that route them;
 * feeds are handed the records and awaited. Then every handler's checkpoint is written, guarded
 * by its generation so that a rebuild's swap is never overwritten. A crash between any two writes
 * is harmless: every document skips events at or below its position, and a feed sees the batch
 * again. On any failure it stops, waits, and resumes from the stored checkpoints; it never skips
 * an event.
 */
export class Projector {
  private readonly tracked: TrackedHandler[];
  private readonly waiters = new PositionWaiters();
  private readonly wakeup = new Wakeup();
  private readonly upgrade: ShapeUpgrade;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly clock: () => Date;
  private head = 0;
  private readonly gate = new BatchGate();
  /**
   * Documents kept across batches: the rebuild mode's until a flush drops them; the live mode's while
   * nobody else can have written them (the same lease token, the same generations), up to LIVE_KEPT.
   */
  private readonly kept: DocumentSet;
  /** The lease token and generations the live mode's kept documents were read and written under. */
  private keptUnder = '';
  private eventsRead = 0;
  private sinceFlush = 0;
  private running: Promise<void> | undefined;
  private isStopping = false;
  /** The fence of the step under way: null while following another owner, undefined without a lease. */
  private fence: Fence | null | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    handlers: readonly Handler[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.tracked = handlers.map((handler) => new TrackedHandler(handler));
    this.batchSize = options.batchSize ?? 1000;
    // A follower must look at the lease often enough to take over within its duration.
    this.idleMs = Math.min(options.idleMs ?? 2000, options.lease?.renewEveryMs ?? Number.POSITIVE_INFINITY);
    this.clock = options.clock ?? (() => new Date());
    this.kept = new DocumentSet({ isStoreEmpty: options.exclusive?.isStoreEmpty ?? false });
    this.upgrade = new ShapeUpgrade(options.rebuildOutdated, options.logger, () => this.wakeup.signal());
  }

  /** Starts the live loop in the background; returns at once. */
  start(): void {
    if (this.options.exclusive !== undefined) throw new Error('a projector in the rebuild mode catches up, it does not run live');
    if (this.running !== undefined) return;
    this.running = (async () => {
      this.head = await this.events.headPosition().catch(() => 0);
      this.wakeup.listen(this.events, this.head);
      await runLoop({
        step: async () => {
          const isBehind = await this.step();
          this.options.onStatusChange?.();
          return isBehind;
        },
        isStopping: () => this.isStopping,
        wakeup: this.wakeup,
        idleMs: this.idleMs,
        minStepIntervalMs: this.options.minReadIntervalMs,
        retryBaseMs: this.options.retryBaseMs ?? 250,
        onFailure: (error, failures) => {
          this.recordFailure(error, failures);
          this.options.onStatusChange?.();
        },
      });
    })();
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    await this.wakeup.close();
    await this.running;
    await this.upgrade.abort();
    for (const tracked of this.tracked) tracked.state = 'stopped';
    this.waiters.releaseAll();
    await this.options.lease?.release().catch(() => undefined);
  }

  /**
   * Tells the live loop that events were appended, so that it reads now: for appends its own
   * subscription does not signal at once (another thread's connection, seen by polling).
   */
  notifyAppended(): void {
    this.wakeup.signal();
  }

  /** Whether this process writes these handlers now: it holds their lease, or runs without one. */
  get isOwner(): boolean {
    return this.options.lease === undefined || this.options.lease.isHeld;
  }

  status(): ProjectionStatus[] {
    return this.tracked.map((tracked) => statusOf(tracked, Math.max(this.head, tracked.position)));
  }

  /** The handlers whose stored documents this code cannot read until a rebuild replaces them. */
  outdated(): string[] {
    return this.tracked.filter((t) => t.isOutdated).map((t) => t.name);
  }

  /** Resolves true once every named handler has handled `position` (and its documents are readable), false after `timeoutMs`. */
  waitFor(names: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
    const reached = () => names.every((name) => (this.tracked.find((t) => t.name === name)?.readablePosition ?? -1) >= position);
    const waiting = this.waiters.wait(reached, timeoutMs);
    // A follower learns of the owner's progress only by reading its checkpoints: do so now.
    if (!this.isOwner) this.wakeup.signal();
    return waiting;
  }

  /**
   * One batch; true when more events are waiting. Once caught up, the checkpoints move to the head
   * read before the batch: events of other streams (not read here) lie below it, and a position that
   * stopped short of them would show a lag that never closes.
   */
  private async step(): Promise<boolean> {
    const now = this.clock();
    this.fence = this.options.lease === undefined ? undefined : await this.options.lease.hold();
    if (this.fence === null) return this.follow(now);
    if (!(await refreshFromStore(this.store, this.tracked, now, this.fence))) {
      this.options.lease?.forget();
      return true;
    }
    this.keepDocumentsUnder(`${this.fence?.token ?? ''}/${this.tracked.map((t) => t.generation).join(',')}`);
    this.waiters.notify();
    this.upgrade.startIfDue(this.tracked);
    const head = await this.events.headPosition();
    this.head = head;
    const active = this.tracked.filter((t) => t.state !== 'paused' && !t.isOutdated);
    if (active.length === 0) return false;
    const page = await this.read(active);
    const isCaughtUp = page.count < this.batchSize;
    const end = Math.max(page.lastPosition ?? 0, isCaughtUp ? head : 0);
    const behind = active.filter((t) => t.position < end);
    if (behind.length === 0) {
      for (const tracked of active) tracked.state = 'live';
      await this.write(heartbeatWrites(this.tracked, now, this.idleMs), false);
      return false;
    }
    await this.gate.write(async () => {
      for (const tracked of behind) tracked.state = 'catching-up';
      await this.project(behind, page.events);
      await this.feed(behind, page.records ?? []);
      await this.moveCheckpoints(behind, end, now);
    });
    return !isCaughtUp;
  }

  /** While another process owns these handlers: their positions as its checkpoints say, and no write. */
  private async follow(now: Date): Promise<boolean> {
    await this.upgrade.abort();
    const control = await readControl(
      this.store,
      this.tracked.map((t) => t.name),
      now,
    );
    this.head = await this.events.headPosition();
    for (const tracked of this.tracked) {
      const checkpoint = control.get(tracked.name)?.checkpoint ?? null;
      tracked.state = 'standby';
      if (checkpoint === null) tracked.position = 0;
      else adoptCheckpoint(tracked, checkpoint);
    }
    this.waiters.notify();
    if (!this.waiters.hasWaiting) return false;
    // A reader waits for a position the owner, in another process, is about to reach: look again soon.
    await sleep(FOLLOW_POLL_MS);
    return true;
  }

  /** Runs `read` between two of this runtime's batches (runtime/batch-gate.ts). */
  readBetweenBatches<T>(read: () => Promise<T>): Promise<T> {
    return this.gate.read(read);
  }

  /**
   * The rebuild mode: applies every event in the store after the position reached so far, writes
   * everything, and returns the position reached: the head read at the start once caught up
   * (events of other streams lie below it).
   */
  async catchUp(): Promise<number> {
    const mode = this.options.exclusive;
    if (mode === undefined) throw new Error('catchUp is the rebuild mode: construct the projector with `exclusive`');
    const projections: Projection[] = [];
    for (const { handler } of this.tracked) if (!isFeed(handler)) projections.push(handler);
    const head = await this.events.headPosition();
    for (;;) {
      mode.signal?.throwIfAborted();
      const position = this.tracked[0]?.position ?? 0;
      const page = await readProjectedEvents(this.events, position, this.batchSize);
      for (const { handler, handles } of this.tracked) {
        if (isFeed(handler) || handles === undefined) continue;
        const mine = page.events.filter((e) => handles.has(e.type));
        await applyEvents(this.store, this.kept, handler, mine, mode.names);
      }
      const isCaughtUp = page.count < this.batchSize;
      const reached = Math.max(position, page.lastPosition ?? 0, isCaughtUp ? head : 0);
      for (const tracked of this.tracked) tracked.position = reached;
      this.eventsRead += page.count;
      this.sinceFlush += page.count;
      mode.onProgress?.({ position: reached, head: Math.max(head, reached), events: this.eventsRead });
      if (this.sinceFlush >= (mode.flushEveryEvents ?? 1_000_000) || this.kept.size > this.maxCached)
        await this.flush(projections, mode.names);
      if (isCaughtUp) return this.flush(projections, mode.names).then(() => reached);
    }
  }

  /** Events read by the rebuild mode so far. */
  get eventCount(): number {
    return this.eventsRead;
  }

  private get maxCached(): number {
    return this.options.exclusive?.maxCachedDocuments ?? 200_000;
  }

  private async flush(projections: readonly Projection[], names: CollectionNames): Promise<void> {
    for (const writes of documentWrites(this.kept, projections, names))
      for (const transaction of inTransactionsOf(writes, FLUSH_DOCUMENTS_PER_WRITE)) await this.write(transaction, true);
    this.sinceFlush = 0;
    if (this.kept.size > this.maxCached) this.kept.clear();
  }

  /** Feeds need the records with their metadata; projections alone read without it. */
  private read(active: readonly TrackedHandler[]): Promise<EventPage & { readonly records?: readonly RecordedEvent[] }> {
    const from = Math.min(...active.map((t) => t.position));
    const hasFeed = active.some((t) => isFeed(t.handler));
    return hasFeed ? readRecords(this.events, from, this.batchSize) : readProjectedEvents(this.events, from, this.batchSize);
  }

  /** Kept documents are forgotten when another writer may have changed them: a new lease token, a swapped generation. */
  private keepDocumentsUnder(owner: string): void {
    if (owner === this.keptUnder && this.kept.size <= LIVE_KEPT) return;
    this.kept.clear();
    this.keptUnder = owner;
  }

  private async project(behind: readonly TrackedHandler[], events: readonly ProjectedEvent[]): Promise<void> {
    const documents = this.kept;
    const projections: Projection[] = [];
    for (const tracked of behind) {
      const { handler, handles } = tracked;
      if (isFeed(handler) || handles === undefined) continue;
      projections.push(handler);
      const mine = events.filter((e) => e.position > tracked.position && handles.has(e.type));
      await this.renewLease();
      await applyEvents(this.store, documents, handler, mine, LIVE_NAMES);
    }
    for (const writes of documentWrites(documents, projections, LIVE_NAMES)) await this.write(writes, true);
  }

  private async feed(behind: readonly TrackedHandler[], records: readonly RecordedEvent[]): Promise<void> {
    for (const tracked of behind) {
      if (!isFeed(tracked.handler)) continue;
      const unseen = records.filter((record) => record.position > tracked.position);
      if (unseen.length > 0) await tracked.handler.handle(unseen);
    }
  }

  /** A refused checkpoint means a rebuild swapped generations meanwhile; the next refresh adopts it. */
  private async moveCheckpoints(behind: readonly TrackedHandler[], end: number, now: Date): Promise<void> {
    const result = await this.write(
      behind.map((t) => checkpointWrite(checkpointOf(t, now, null, end), t.generation)),
      false,
    );
    for (const tracked of behind) {
      if (result?.refused.includes(tracked.name)) continue;
      tracked.position = end;
      tracked.lastError = null;
    }
    this.waiters.notify();
  }

  private async write(batch: readonly CollectionWrites[], isRefusalAFailure: boolean): Promise<WriteResult | undefined> {
    if (batch.length === 0) return undefined;
    await this.renewLease();
    const result = await this.store.write(batch, this.fence ?? undefined);
    // Refused under a fence: perhaps another process took the lease; the next step asks the store.
    if (result.refused.length > 0) this.options.lease?.forget();
    if (isRefusalAFailure && result.refused.length > 0) {
      throw new ProjectionWriteConflict(`another writer changed ${result.refused.length} document(s) first, e.g. ${result.refused[0]}`);
    }
    return result;
  }

  /** A batch can outlast the lease (slow reads or writes): renewed when due before each projection's reads and each write, and the batch given up once it is lost. */
  private async renewLease(): Promise<void> {
    if (this.fence === undefined || this.fence === null || this.options.lease === undefined) return;
    const fence = await this.options.lease.hold();
    if (fence?.token !== this.fence.token) throw new ProjectionWriteConflict('the lease passed to another process during the batch');
  }

  private recordFailure(error: unknown, failures: number): void {
    // A batch that failed may have changed kept documents it never wrote.
    this.kept.clear();
    this.keptUnder = '';
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    for (const tracked of this.tracked) {
      tracked.state = 'failed';
      tracked.lastError = message;
    }
    this.options.logger?.error('projector failed; resuming from the stored checkpoints', { error: message, failures });
  }
}
