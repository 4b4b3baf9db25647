import type { EventStore, RecordedEvent } from '@rapport/event-store';
import { CUSTOMER_STREAM_PREFIX } from '@rapport/kernel';
import type { ReadModelStore } from './read-model-store.port';
import { CHECKPOINTS, checkpointWrite, type Checkpoint } from './runtime/checkpoints';
import { runLoop } from './runtime/run-loop';
import type { ProjectionState, ProjectionStatus } from './runtime/tracked-projection';
import { Wakeup } from './runtime/wakeup';
import type { ProjectorLogger } from './projector';

export type FeedHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export interface EventFeedOptions {
  readonly batchSize?: number;
  readonly idleMs?: number;
  /** Once caught up, the least time between two reads of the log (runtime/run-loop.ts). Default 0. */
  readonly minReadIntervalMs?: number;
  readonly retryBaseMs?: number;
  readonly clock?: () => Date;
  readonly logger?: ProjectorLogger;
}

/**
 * A checkpointed subscription to stored customer events (design.md §4: only stored events reach
 * sagas). Each batch goes to the handler, and the checkpoint moves only once the handler has
 * finished, so delivery is at least once: a crash repeats the last batch, never skips one.
 */
export class EventFeed {
  private readonly wakeup = new Wakeup();
  private position = 0;
  private head = 0;
  private state: ProjectionState = 'starting';
  private lastError: string | null = null;
  private running: Promise<void> | undefined;
  private isStopping = false;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
    private readonly name: string,
    private readonly handler: FeedHandler,
    private readonly options: EventFeedOptions = {},
  ) {}

  start(): void {
    if (this.running !== undefined) return;
    this.running = (async () => {
      this.head = await this.events.headPosition().catch(() => 0);
      this.wakeup.listen(this.events, this.head);
      await runLoop({
        step: () => this.step(),
        isStopping: () => this.isStopping,
        wakeup: this.wakeup,
        idleMs: this.options.idleMs ?? 2000,
        minStepIntervalMs: this.options.minReadIntervalMs,
        retryBaseMs: this.options.retryBaseMs ?? 250,
        onFailure: (error, failures) => this.recordFailure(error, failures),
      });
    })();
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    await this.wakeup.close();
    await this.running;
    this.state = 'stopped';
  }

  status(): ProjectionStatus {
    const head = Math.max(this.head, this.position);
    return { name: this.name, collections: [], position: this.position, head, lag: head - this.position, state: this.state, generation: 'feed', lastError: this.lastError };
  }

  /** One batch to the handler, then the checkpoint; once caught up it moves to the head read before (see Projector.step). */
  private async step(): Promise<boolean> {
    const stored = await this.store.get<Checkpoint>(CHECKPOINTS, this.name);
    this.position = stored?.position ?? 0;
    const head = await this.events.headPosition();
    this.head = head;
    const batchSize = this.options.batchSize ?? 500;
    const records = await this.events.readAll({ afterPosition: this.position, maxCount: batchSize, streamPrefix: CUSTOMER_STREAM_PREFIX });
    const isCaughtUp = records.length < batchSize;
    const end = Math.max(records.at(-1)?.position ?? 0, isCaughtUp ? head : 0);
    this.state = isCaughtUp ? 'live' : 'catching-up';
    if (end <= this.position) return false;
    if (records.length > 0) await this.handler(records);
    const now = (this.options.clock ?? (() => new Date()))();
    const checkpoint: Checkpoint = { _id: this.name, position: end, generation: 'feed', heartbeatAt: now.toISOString(), pausedFor: null };
    await this.store.write([stored === null ? checkpointWrite(checkpoint, null) : { collection: CHECKPOINTS, writes: [{ kind: 'put', document: checkpoint, guard: { kind: 'newer' } }] }]);
    this.position = end;
    this.lastError = null;
    return !isCaughtUp;
  }

  private recordFailure(error: unknown, failures: number): void {
    this.state = 'failed';
    this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.options.logger?.error(`event feed ${this.name} failed; resuming from its checkpoint`, { error: this.lastError, failures });
  }
}
