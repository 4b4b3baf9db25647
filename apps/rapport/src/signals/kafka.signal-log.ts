import type { Kafka, Producer, Transaction } from 'kafkajs';
import type { PositionedSignal, SignalLog } from './signal-log';
import { lastPublishedPosition, POSITION_HEADER } from './kafka-signal-tail';

export interface KafkaSignalLogSettings {
  readonly topic: string;
  /** Partitions of the topic when this log creates it. */
  readonly partitions: number;
  /** One per topic: a second publisher with the same id fences the first (only one writes at a time). */
  readonly transactionalId: string;
  /** Signals at most per transaction; the tail read after a restart starts this far back. */
  readonly maxSignalsPerAppend: number;
  /** Test hook: called with the signals sent in the open transaction, before it commits. */
  readonly beforeCommit?: (sent: number) => void;
}

/**
 * The signal log on a Kafka topic, keyed by customer id: each append is one transaction of an
 * idempotent transactional producer, and every message carries its source position in a header.
 * Opening the producer aborts whatever a killed predecessor left open, so the last committed
 * message of each partition (read_committed) tells where publishing stopped.
 */
export class KafkaSignalLog implements SignalLog {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSignalLogSettings,
  ) {}

  async open(): Promise<number> {
    await this.close();
    await this.ensureTopic();
    const producer = this.kafka.producer({
      transactionalId: this.settings.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 60_000,
    });
    this.producer = producer;
    await producer.connect();
    // The first transaction registers the transactional id: the broker fences any earlier producer
    // with it and aborts the transaction it left open, before the tail is read. Nothing was sent, so
    // the abort stays local.
    await (await producer.transaction()).abort();
    return lastPublishedPosition(this.kafka, this.settings.topic, this.settings.maxSignalsPerAppend * 2 + 2);
  }

  async append(signals: readonly PositionedSignal[]): Promise<void> {
    if (!this.producer) throw new Error('the signal log is not open');
    let transaction: Transaction | undefined;
    try {
      transaction = await this.producer.transaction();
      await transaction.send({ topic: this.settings.topic, acks: -1, messages: signals.map(toMessage) });
      this.settings.beforeCommit?.(signals.length);
      await transaction.commit();
    } catch (error: unknown) {
      await transaction?.abort().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async ensureTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(this.settings.topic)) return;
      await admin.createTopics({ topics: [{ topic: this.settings.topic, numPartitions: this.settings.partitions }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  }
}

function toMessage({ position, signal }: PositionedSignal) {
  return {
    key: signal.subject,
    value: JSON.stringify(signal),
    headers: { 'content-type': 'application/cloudevents+json', [POSITION_HEADER]: String(position) },
  };
}
