import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { InboundMessage, IngestionLogger, MessageFate, MessageHandler } from '../../ingestion.port';
import { BatchLedger, type CommitWork } from './batch-ledger';
import type { PartitionCommitter } from './partition-committer';

export interface BatchContext {
  readonly handler: MessageHandler;
  readonly committer: Pick<PartitionCommitter, 'commit'>;
  readonly logger: IngestionLogger;
  readonly commitEveryMessages: number;
  readonly commitIntervalMs: number;
  /** Messages of one partition handled at the same time, each customer's in order. */
  readonly messagesInFlight: number;
  /** Holds the partition after a failure; kafkajs refetches from the last resolved offset on resume. */
  readonly holdPartition: (payload: EachBatchPayload) => void;
  readonly partitionRecovered: (partition: number) => void;
}

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 10_000;
/** After stop() is asked, how long a failing final commit is retried before leaving the rest to redelivery. */
const STOPPING_COMMIT_BUDGET_MS = 10_000;

/**
 * Handles one fetched batch of one partition. Each customer (the message key) has a lane: its
 * messages are handled one after another in offset order, while other customers' lanes run beside
 * it, so appends from many lanes share the store's group commits. Offsets are committed only over
 * the prefix of the batch whose fates are all settled; on stop, what is in hand finishes and what
 * is done gets committed.
 */
export async function processPartitionBatch(payload: EachBatchPayload, context: BatchContext): Promise<void> {
  await new PartitionRun(payload, context).process();
}

export class PartitionRun {
  private readonly messages: readonly InboundMessage[];
  private readonly ledger: BatchLedger;
  private readonly laneTails = new Map<string, Promise<void>>();
  /** A customer's latest rejection, by batch index: its next message waits until that is committed. */
  private readonly rejections = new Map<string, number>();
  private readonly slots: Slots;
  private readonly commitWaiters: { readonly through: number; readonly wake: (committed: boolean) => void }[] = [];
  private committing: Promise<void> = Promise.resolve();
  private isCommitQueued = false;
  private heartbeating: Promise<void> | undefined;
  private failedAt: number | undefined;
  private furthestStarted = -1;
  private stopBoundary: number | undefined;
  private gaveUp = false;
  private rebalance: unknown;

  constructor(
    private readonly payload: EachBatchPayload,
    private readonly context: BatchContext,
  ) {
    this.messages = payload.batch.messages.map((message) => inbound(payload.batch, message));
    this.ledger = new BatchLedger(this.messages);
    this.slots = new Slots(context.messagesInFlight);
  }

  async process(): Promise<void> {
    const tasks = this.messages.map((_, index) => this.start(index));
    await Promise.all(tasks);
    await this.commit();
    if (this.failedAt !== undefined) this.context.holdPartition(this.payload);
    if (this.rebalance !== undefined) throw this.rebalance;
  }

  private start(index: number): Promise<void> {
    const lane = laneOf(this.messageAt(index));
    const task = this.handleInLane(index, lane === undefined ? undefined : this.laneTails.get(lane));
    if (lane !== undefined) this.laneTails.set(lane, task);
    return task;
  }

  /** `previous` is the lane's last task; tasks never reject, so awaiting it only orders them. */
  private async handleInLane(index: number, previous: Promise<void> | undefined): Promise<void> {
    await previous;
    const fate = await this.handleUnlessStopped(index);
    if (fate === undefined) {
      // A message left unhandled is a gap no commit can pass: nobody may wait for one any more.
      this.wakeAllWaiters(false);
      return;
    }
    this.ledger.record(index, fate);
    if (this.ledger.isDue(this.context.commitEveryMessages, this.context.commitIntervalMs) || this.someWaiterCanWake()) this.queueCommit();
    this.heartbeat();
  }

  /** The message's fate, or undefined when it is left to redelivery (stopping, rebalancing, a failure before it). */
  private async handleUnlessStopped(index: number): Promise<MessageFate | undefined> {
    if (!this.mayStart(index)) return undefined;
    const message = this.messageAt(index);
    const lane = laneOf(message);
    const rejection = lane === undefined ? undefined : this.rejections.get(lane);
    if (rejection !== undefined && !(await this.committedThrough(rejection, index))) return undefined;
    await this.slots.acquire();
    try {
      if (!this.mayStart(index)) return undefined;
      this.furthestStarted = Math.max(this.furthestStarted, index);
      const fate = await this.settle(index, message);
      // A rejection leaves no trace in the store. Were it redelivered after a later message of the same
      // customer had appended, it would be decided against a newer state and could pass.
      if (lane !== undefined && fate?.kind === 'dead-letter' && fate.verdict.reason === 'rejected') this.rejections.set(lane, index);
      return fate;
    } finally {
      this.slots.release();
    }
  }

  /**
   * A thrown error means "not now" (style.md §8: store down, conflict after retries, a bug): nothing
   * new starts, what is done gets committed, the partition is paused and the message fetched again.
   * Messages after it that settled are not committed either; redelivered, they append nothing.
   */
  private async settle(index: number, message: InboundMessage): Promise<MessageFate | undefined> {
    try {
      const fate = await this.context.handler.handle(message);
      this.context.partitionRecovered(message.partition);
      return fate;
    } catch (error: unknown) {
      this.context.logger.error('ingestion paused a partition: a message could not be handled now and will be retried', {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        error: describe(error),
      });
      this.failedAt = Math.min(this.failedAt ?? index, index);
      this.wakeAllWaiters(false);
      return undefined;
    }
  }

  /** Whether the message at `waiter` may go on once everything through `index` is committed. */
  private committedThrough(index: number, waiter: number): Promise<boolean> {
    if (this.ledger.isCommittedThrough(index)) return Promise.resolve(true);
    if (!this.mayStart(waiter)) return Promise.resolve(false);
    const waiting = new Promise<boolean>((wake) => this.commitWaiters.push({ through: index, wake }));
    if (this.ledger.isSettledThrough(index)) this.queueCommit();
    return waiting;
  }

  private someWaiterCanWake(): boolean {
    return this.commitWaiters.some((waiter) => this.ledger.isSettledThrough(waiter.through));
  }

  /** Commits run one at a time; a request made while one runs is served by the next. */
  private queueCommit(): void {
    if (this.isCommitQueued) return;
    this.isCommitQueued = true;
    this.committing = this.committing.then(async () => {
      this.isCommitQueued = false;
      await this.commitOnce();
    });
  }

  private async commit(): Promise<void> {
    this.queueCommit();
    await this.committing;
  }

  private async commitOnce(): Promise<void> {
    const work = this.ledger.uncommitted();
    if (work !== undefined && !(await this.commitWithRetry(work))) {
      this.gaveUp = true;
      this.wakeAllWaiters(false);
      return;
    }
    for (const waiter of this.commitWaiters.filter((w) => this.ledger.isCommittedThrough(w.through))) this.wake(waiter, true);
    if (this.someWaiterCanWake()) this.queueCommit();
  }

  /** Retries while the consumer runs; false when it gave up (stopping, or another instance owns the partition). */
  private async commitWithRetry(work: CommitWork): Promise<boolean> {
    let giveUpAt: number | undefined;
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
      try {
        await this.context.committer.commit(work.deadLetters, work.nextOffset);
        this.payload.resolveOffset(work.lastOffset);
        this.ledger.markCommitted(work);
        return true;
      } catch (error: unknown) {
        const { topic, partition } = this.payload.batch;
        const where = { topic, partition, messages: this.ledger.uncommittedCount, error: describe(error) };
        // Another instance owns the partition now (its producer fenced ours): retrying would fence it back.
        if (isFenced(error)) {
          this.context.logger.warn('ingestion lost the partition to another instance; its work is left to the new owner', where);
          return false;
        }
        this.context.logger.warn('ingestion commit failed, will retry', where);
        if (!this.payload.isRunning() || this.payload.isStale()) giveUpAt ??= Date.now() + STOPPING_COMMIT_BUDGET_MS;
        if (giveUpAt !== undefined && Date.now() >= giveUpAt) return false; // uncommitted: redelivered to whoever owns the partition next
        await sleep(backoff);
      }
    }
  }

  /** One heartbeat at a time; a failed one means a rebalance: settle what is done, then let kafkajs rejoin. */
  private heartbeat(): void {
    if (this.heartbeating !== undefined || this.rebalance !== undefined) return;
    this.heartbeating = this.payload
      .heartbeat()
      .catch((error: unknown) => {
        this.rebalance = error;
        this.wakeAllWaiters(false);
      })
      .finally(() => {
        this.heartbeating = undefined;
      });
  }

  /**
   * Stopping, the batch finishes every message up to the furthest one already started, so that all
   * it handled can be committed (style.md §8: the messages in hand finish); it starts none beyond.
   * A rebalance, a failure or a lost commit leaves the rest to redelivery.
   */
  private mayStart(index: number): boolean {
    if (this.isHalted() || this.payload.isStale()) return false;
    if (this.payload.isRunning()) return true;
    this.stopBoundary ??= this.furthestStarted;
    return index <= this.stopBoundary;
  }

  private isHalted(): boolean {
    return this.failedAt !== undefined || this.gaveUp || this.rebalance !== undefined;
  }

  private wakeAllWaiters(committed: boolean): void {
    for (const waiter of [...this.commitWaiters]) this.wake(waiter, committed);
  }

  private wake(waiter: (typeof this.commitWaiters)[number], committed: boolean): void {
    const at = this.commitWaiters.indexOf(waiter);
    if (at >= 0) this.commitWaiters.splice(at, 1);
    waiter.wake(committed);
  }

  private messageAt(index: number): InboundMessage {
    const message = this.messages[index];
    if (message === undefined) throw new Error(`no message at batch index ${index}`);
    return message;
  }
}

/** At most `size` holders at a time; the others wait in arrival order. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Messages without a key cannot be a customer's (they are dead-lettered as invalid): no lane to keep. */
function laneOf(message: InboundMessage): string | undefined {
  return message.key === null ? undefined : message.key.toString('latin1');
}

function inbound(batch: Batch, message: KafkaMessage): InboundMessage {
  return { topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key ?? null, value: message.value, headers: message.headers ?? {} };
}

function isFenced(error: unknown): boolean {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return type === 'INVALID_PRODUCER_EPOCH' || type === 'PRODUCER_FENCED';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));
}
