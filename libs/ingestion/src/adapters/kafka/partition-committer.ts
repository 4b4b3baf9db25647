import type { Kafka, Producer } from 'kafkajs';
import type { DeadLetterRecord } from '../../dead-letter';

export interface CommitTarget {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly deadLetterTopic: string;
}

const SHORT_RETRIES = 100;
const SHORT_RETRY_MS = 10;

/**
 * Writes a partition's dead letters and its next offset in one Kafka transaction, so a message is
 * dead-lettered exactly once even when the process dies between the two (design.md §6).
 * Appended events need no such care: their ids are deterministic and a redelivery appends nothing.
 */
export class PartitionCommitter {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalId: string,
    private readonly target: CommitTarget,
  ) {}

  async commit(deadLetters: readonly DeadLetterRecord[], nextOffset: string): Promise<void> {
    const producer = await this.connected();
    const transaction = await producer.transaction();
    try {
      if (deadLetters.length > 0) {
        await transaction.send({ topic: this.target.deadLetterTopic, messages: deadLetters.map((record) => ({ ...record })) });
      }
      const topics = [{ topic: this.target.topic, partitions: [{ partition: this.target.partition, offset: nextOffset }] }];
      await retryShort(() => transaction.sendOffsets({ consumerGroupId: this.target.groupId, topics }));
      await retryShort(() => transaction.commit());
    } catch (error: unknown) {
      await transaction.abort().catch(() => undefined);
      await this.close();
      throw error;
    }
  }

  /** Drops the producer; the next commit starts a new one, whose init aborts anything left open. */
  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 60_000,
      retry: { retries: 8, initialRetryTime: 20, maxRetryTime: 2_000 },
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }
}

/**
 * The coordinator answers CONCURRENT_TRANSACTIONS while it still writes the previous transaction's
 * markers; the Java client retries it after 20 ms, kafkajs does not for AddOffsetsToTxn and EndTxn.
 */
async function retryShort<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error: unknown) {
      if (!isConcurrentTransactions(error) || attempt >= SHORT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, SHORT_RETRY_MS));
    }
  }
}

function isConcurrentTransactions(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'CONCURRENT_TRANSACTIONS';
}
