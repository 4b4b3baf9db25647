import type { Kafka, Producer, Transaction } from 'kafkajs';
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
  private producer: Promise<Producer> | undefined;
  private isClosed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalId: string,
    private readonly target: CommitTarget,
  ) {}

  async commit(deadLetters: readonly DeadLetterRecord[], nextOffset: string): Promise<void> {
    let transaction: Transaction | undefined;
    try {
      transaction = await (await this.connected()).transaction();
      await this.write(transaction, deadLetters, nextOffset);
    } catch (error: unknown) {
      await transaction?.abort().catch(() => undefined);
      await this.dropProducer();
      throw error;
    }
  }

  /** Final: disconnects the producer, one still connecting included; a later commit fails with CommitterClosed. */
  async close(): Promise<void> {
    this.isClosed = true;
    await this.dropProducer();
  }

  /** The next commit starts a new producer, whose init aborts anything left open. */
  private async dropProducer(): Promise<void> {
    const connecting = this.producer;
    this.producer = undefined;
    const producer = await connecting?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }

  private async write(transaction: Transaction, deadLetters: readonly DeadLetterRecord[], nextOffset: string): Promise<void> {
    if (deadLetters.length > 0) {
      await transaction.send({ topic: this.target.deadLetterTopic, messages: deadLetters.map((record) => ({ ...record })) });
    }
    const topics = [{ topic: this.target.topic, partitions: [{ partition: this.target.partition, offset: nextOffset }] }];
    await retryShort(() => transaction.sendOffsets({ consumerGroupId: this.target.groupId, topics }));
    await retryShort(() => transaction.commit());
  }

  private connected(): Promise<Producer> {
    if (this.isClosed) return Promise.reject(new CommitterClosed(this.transactionalId));
    this.producer ??= this.connect();
    return this.producer;
  }

  private async connect(): Promise<Producer> {
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 60_000,
      retry: { retries: 8, initialRetryTime: 20, maxRetryTime: 2_000 },
    });
    try {
      await producer.connect();
    } catch (error: unknown) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    return producer;
  }
}

/** A commit asked of a committer that was closed because the consumer stopped: retrying cannot help. */
export class CommitterClosed extends Error {
  constructor(transactionalId: string) {
    super(`the committer for ${transactionalId} is closed`);
    this.name = 'CommitterClosed';
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
