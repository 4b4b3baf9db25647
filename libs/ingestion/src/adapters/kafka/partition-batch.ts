import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { InboundMessage, IngestionLogger, MessageFate, MessageHandler } from '../../ingestion.port';
import type { PartitionCommitter } from './partition-committer';
import { PendingCommit } from './pending-commit';

export interface BatchContext {
  readonly handler: MessageHandler;
  readonly committer: PartitionCommitter;
  readonly logger: IngestionLogger;
  readonly commitEveryMessages: number;
  readonly commitIntervalMs: number;
  /** Holds the partition after a failure; kafkajs refetches from the last resolved offset on resume. */
  readonly holdPartition: (payload: EachBatchPayload) => void;
  readonly partitionRecovered: (partition: number) => void;
}

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 10_000;
/** After stop() is asked, how long a failing final commit is retried before leaving the rest to redelivery. */
const STOPPING_COMMIT_BUDGET_MS = 10_000;

/**
 * Handles one fetched batch of one partition, message by message in offset order (so a customer's
 * messages, which share a partition, keep their order). Offsets are committed only after each
 * message's fate is settled; on stop, the message in hand finishes and what is done gets committed.
 */
export async function processPartitionBatch(payload: EachBatchPayload, context: BatchContext): Promise<void> {
  const { batch } = payload;
  const pending = new PendingCommit();
  for (const kafkaMessage of batch.messages) {
    if (!payload.isRunning() || payload.isStale()) break;
    const message = inbound(batch, kafkaMessage);
    if (pending.mustCommitBefore(message) && !(await flush(payload, pending, context))) break;
    const fate = await settle(message, payload, pending, context);
    if (fate === undefined) break;
    pending.record(message, fate);
    if (pending.isDue(context.commitEveryMessages, context.commitIntervalMs) && !(await flush(payload, pending, context))) break;
    await heartbeatOrFlush(payload, pending, context);
  }
  await flush(payload, pending, context);
}

/**
 * A thrown error means "not now" (style.md §8: store down, conflict after retries, a bug): commit what
 * is done, pause this partition for a growing while, and leave the message to be fetched again.
 * Other partitions go on; a message that is merely bad never gets here, it is dead-lettered.
 */
async function settle(message: InboundMessage, payload: EachBatchPayload, pending: PendingCommit, context: BatchContext): Promise<MessageFate | undefined> {
  try {
    const fate = await context.handler.handle(message);
    context.partitionRecovered(message.partition);
    return fate;
  } catch (error: unknown) {
    context.logger.error('ingestion paused a partition: a message could not be handled now and will be retried', {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      error: describe(error),
    });
    await flush(payload, pending, context);
    context.holdPartition(payload);
    return undefined;
  }
}

/** Commits pending fates, retrying while the consumer runs; false when it gave up (stopping) and nothing was resolved. */
async function flush(payload: EachBatchPayload, pending: PendingCommit, context: BatchContext): Promise<boolean> {
  const work = pending.snapshot();
  if (work === undefined) return true;
  let giveUpAt: number | undefined;
  for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
    try {
      await context.committer.commit(work.deadLetters, work.nextOffset);
      payload.resolveOffset(work.lastOffset);
      pending.clear();
      return true;
    } catch (error: unknown) {
      const where = { topic: payload.batch.topic, partition: payload.batch.partition, messages: pending.size, error: describe(error) };
      // Another instance owns the partition now (its producer fenced ours): retrying would fence it back.
      if (isFenced(error)) {
        context.logger.warn('ingestion lost the partition to another instance; its work is left to the new owner', where);
        pending.clear();
        return false;
      }
      context.logger.warn('ingestion commit failed, will retry', where);
      if (!payload.isRunning() || payload.isStale()) giveUpAt ??= Date.now() + STOPPING_COMMIT_BUDGET_MS;
      if (giveUpAt !== undefined && Date.now() >= giveUpAt) return false; // uncommitted: redelivered to whoever owns the partition next
      await sleep(backoff);
    }
  }
}

async function heartbeatOrFlush(payload: EachBatchPayload, pending: PendingCommit, context: BatchContext): Promise<void> {
  try {
    await payload.heartbeat();
  } catch (error: unknown) {
    // A rebalance: settle what is done before the partition moves, then let kafkajs rejoin.
    await flush(payload, pending, context);
    throw error;
  }
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
