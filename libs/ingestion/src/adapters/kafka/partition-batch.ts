import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { InboundMessage, IngestionLogger, MessageFate, MessageHandler } from '../../ingestion.port';
import { BatchLedger } from './batch-ledger';
import { commitWithRetry, describeError } from './commit-with-retry';
import { LaneScheduler } from './lane-scheduler';
import type { PartitionCommitter } from './partition-committer';
import {
  afterConsumerSeen,
  halted,
  isHaltedBy,
  mayCommit,
  mayStart,
  RUNNING,
  type HaltReason,
  type PartitionPhase,
} from './partition-phase';

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
  private phase: PartitionPhase = RUNNING;
  private readonly messages: readonly InboundMessage[];
  private readonly ledger: BatchLedger;
  private readonly lanes: LaneScheduler;
  private readonly commits: CoalescedRuns;
  /** A customer's latest rejection, by batch index: its next message waits until that is committed. */
  private readonly rejections = new Map<string, number>();
  private furthestStarted = -1;
  private heartbeating: Promise<void> | undefined;

  constructor(
    private readonly payload: EachBatchPayload,
    private readonly context: BatchContext,
  ) {
    this.messages = payload.batch.messages.map((message) => inbound(payload.batch, message));
    this.ledger = new BatchLedger(this.messages);
    this.lanes = new LaneScheduler(context.messagesInFlight);
    this.commits = new CoalescedRuns(() => this.commitSettled());
  }

  async process(): Promise<void> {
    await Promise.all(this.messages.map((message, index) => this.lanes.enqueue(laneOf(message), () => this.handle(index))));
    await this.commits.request();
    this.leave();
  }

  private async handle(index: number): Promise<void> {
    const message = this.messageAt(index);
    const lane = laneOf(message);
    const fate = await this.fateOf(index, message, lane);
    if (fate === undefined) return this.ledger.leaveUnsettled(index);
    this.ledger.record(index, fate);
    // A rejection leaves no trace in the store. Were it redelivered after a later message of the same
    // customer had appended, it would be decided against a newer state and could pass.
    if (lane !== undefined && fate.kind === 'dead-letter' && fate.verdict.reason === 'rejected') this.rejections.set(lane, index);
    if (this.ledger.isDue(this.context.commitEveryMessages, this.context.commitIntervalMs) || this.ledger.hasWaiterReady())
      void this.commits.request();
    this.heartbeat();
  }

  /** The message's fate, or undefined when it is left to redelivery (stopping, halted, or its customer's rejection not committed). */
  private async fateOf(index: number, message: InboundMessage, lane: string | undefined): Promise<MessageFate | undefined> {
    if (!this.mayStart(index)) return undefined;
    const rejection = lane === undefined ? undefined : this.rejections.get(lane);
    if (rejection !== undefined && !(await this.committedThrough(rejection))) return undefined;
    return this.lanes.withSlot(async () => {
      if (!this.mayStart(index)) return undefined;
      this.furthestStarted = Math.max(this.furthestStarted, index);
      return this.settle(message);
    });
  }

  /**
   * A thrown error means "not now" (style.md §8: store down, conflict after retries, a bug): nothing
   * new starts, what is done gets committed, the partition is paused and the message fetched again.
   * Messages after it that settled are not committed either; redelivered, they append nothing.
   */
  private async settle(message: InboundMessage): Promise<MessageFate | undefined> {
    try {
      const fate = await this.context.handler.handle(message);
      this.context.partitionRecovered(message.partition);
      return fate;
    } catch (error: unknown) {
      const { topic, partition, offset } = message;
      this.context.logger.error('ingestion paused a partition: a message could not be handled now and will be retried', {
        topic,
        partition,
        offset,
        error: describeError(error),
      });
      this.halt({ kind: 'failed' });
      return undefined;
    }
  }

  private committedThrough(index: number): Promise<boolean> {
    const answer = this.ledger.committedThrough(index);
    if (this.ledger.hasWaiterReady()) void this.commits.request();
    return answer;
  }

  /** Commits run one at a time (CoalescedRuns); each writes the whole settled prefix not yet committed. */
  private async commitSettled(): Promise<void> {
    const work = this.ledger.uncommitted();
    if (work === undefined || !mayCommit(this.phase)) return;
    const { committer, logger } = this.context;
    if (!(await commitWithRetry(work, { committer, payload: this.payload, logger }))) return this.halt({ kind: 'commit-lost' });
    this.payload.resolveOffset(work.lastOffset);
    this.ledger.markCommitted(work);
  }

  /** One heartbeat at a time; a failed one means a rebalance: settle what is done, then let kafkajs rejoin. */
  private heartbeat(): void {
    if (this.heartbeating !== undefined || isHaltedBy(this.phase, 'rebalancing')) return;
    this.heartbeating = this.payload
      .heartbeat()
      .catch((error: unknown) => this.halt({ kind: 'rebalancing', error }))
      .finally(() => {
        this.heartbeating = undefined;
      });
  }

  private mayStart(index: number): boolean {
    const consumer = { isRunning: this.payload.isRunning(), isStale: this.payload.isStale() };
    const phase = afterConsumerSeen(this.phase, consumer, this.furthestStarted);
    if (phase.kind === 'halted') this.halt(phase.reason);
    else this.phase = phase;
    return mayStart(this.phase, index);
  }

  /** Halted, nothing starts: whoever waits for a commit stops waiting and leaves its message to redelivery. */
  private halt(reason: HaltReason): void {
    this.phase = halted(this.phase, reason);
    this.ledger.dismissWaiters();
  }

  /** What kafkajs must hear when the batch returns: a failure holds the partition, a rebalance is rethrown. */
  private leave(): void {
    if (this.phase.kind !== 'halted') return;
    const { reason } = this.phase;
    if (reason.kind === 'failed') this.context.holdPartition(this.payload);
    if (reason.kind === 'rebalancing') throw reason.error;
  }

  private messageAt(index: number): InboundMessage {
    const message = this.messages[index];
    if (message === undefined) throw new Error(`no message at batch index ${index}`);
    return message;
  }
}

/** Runs `work` one run at a time; every request made before a run starts is served by that run. */
class CoalescedRuns {
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(private readonly work: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.queued === undefined) {
      this.queued = this.tail.then(() => {
        this.queued = undefined;
        return this.work();
      });
      this.tail = this.queued;
    }
    return this.queued;
  }
}

/** Messages without a key cannot be a customer's (they are dead-lettered as invalid): no lane to keep. */
function laneOf(message: InboundMessage): string | undefined {
  return message.key === null ? undefined : message.key.toString('latin1');
}

function inbound(batch: Batch, message: KafkaMessage): InboundMessage {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value,
    headers: message.headers ?? {},
  };
}
