import { Kafka, type Consumer, type EachBatchPayload } from 'kafkajs';
import type { IngestionSource, MessageHandler } from '../../ingestion.port';
import { withDefaults, transactionalIdFor, type KafkaIngestionOptions, type KafkaIngestionSettings } from './kafka-ingestion.options';
import { kafkaLogCreator } from './kafka-log';
import { ensureTopics } from './kafka-topics';
import { processPartitionBatch } from './partition-batch';
import { PartitionCommitter } from './partition-committer';
import { PartitionHolds } from './partition-holds';

const RESTART_DELAY_MS = 2_000;

/**
 * The Kafka ingestion adapter (design.md §6): one consumer group on the input topic, partitions
 * processed concurrently, each customer's messages in offset order, dead letters and offsets committed together.
 */
export class KafkaIngestion implements IngestionSource {
  private readonly settings: KafkaIngestionSettings;
  private readonly kafka: Kafka;
  private readonly committers = new Map<number, PartitionCommitter>();
  private readonly holds = new PartitionHolds();
  private consumer: Consumer | undefined;
  /** The start or restart in progress: stop() waits for it, so that no half-started consumer outlives stop(). */
  private starting: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private isStopping = false;
  private held: readonly number[] = [];

  constructor(options: KafkaIngestionOptions) {
    this.settings = withDefaults(options);
    this.kafka = new Kafka({
      clientId: this.settings.clientId,
      brokers: [...this.settings.brokers],
      logCreator: kafkaLogCreator(this.settings.logger),
      connectionTimeout: 3_000,
      // Ride out a broker restart: kafkajs retries, then its consumer restarts itself.
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
  }

  async start(handler: MessageHandler): Promise<void> {
    this.isStopping = false;
    await this.whileStarting(async () => {
      const created = await ensureTopics(this.kafka, this.settings);
      if (created.length > 0)
        this.settings.logger.log('ingestion created topics', { topics: created, partitions: this.settings.partitions });
      if (!this.isStopping) await this.startConsumer(handler);
    });
  }

  async stop(): Promise<void> {
    this.isStopping = true;
    clearTimeout(this.restartTimer);
    await this.starting?.catch(() => undefined);
    const consumer = this.consumer;
    this.consumer = undefined;
    this.held = [];
    // disconnect() stops the consumer first, which waits for the batches in hand to return.
    await consumer?.disconnect();
    // Only now: a batch returning during the stop may have held its partition.
    this.holds.releaseAll();
    await Promise.all([...this.committers.values()].map((committer) => committer.close()));
    this.committers.clear();
  }

  heldPartitions(): readonly number[] {
    return this.held;
  }

  private whileStarting(steps: () => Promise<void>): Promise<void> {
    const starting = steps();
    this.starting = starting;
    return starting.finally(() => {
      if (this.starting === starting) this.starting = undefined;
    });
  }

  /** Joins the group; a consumer that fails to is disconnected, never left half-started. */
  private async startConsumer(handler: MessageHandler): Promise<void> {
    const { groupId, topic, partitionsConsumedConcurrently } = this.settings;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000, readUncommitted: false });
    consumer.on(consumer.events.CRASH, ({ payload }) => this.onCrash(consumer, handler, payload.error, payload.restart));
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.held = [...(payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
    });
    consumer.on(consumer.events.STOP, () => (this.held = []));
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently,
        eachBatch: (payload) => this.onBatch(payload, handler),
      });
    } catch (error: unknown) {
      if (this.consumer === consumer) this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.settings.logger.log('ingestion consuming', { topic, groupId, partitionsConsumedConcurrently });
  }

  private onBatch(payload: EachBatchPayload, handler: MessageHandler): Promise<void> {
    const { partition } = payload.batch;
    return processPartitionBatch(payload, {
      handler,
      committer: this.committerFor(partition),
      logger: this.settings.logger,
      commitEveryMessages: this.settings.commitEveryMessages,
      commitIntervalMs: this.settings.commitIntervalMs,
      messagesInFlight: this.settings.messagesInFlightPerPartition,
      holdPartition: (held) => this.holds.hold(held),
      partitionRecovered: (recovered) => this.holds.recovered(recovered),
    });
  }

  /** kafkajs restarts a crashed consumer itself unless the error is final; then we start a fresh one. */
  private onCrash(consumer: Consumer, handler: MessageHandler, error: Error, willRestart: boolean): void {
    this.held = [];
    this.settings.logger.error('ingestion consumer crashed', { error: `${error.name}: ${error.message}`, willRestart });
    if (willRestart || this.isStopping || this.consumer !== consumer) return;
    this.consumer = undefined;
    this.restartTimer = setTimeout(() => void this.restart(consumer, handler), RESTART_DELAY_MS);
  }

  private async restart(crashed: Consumer, handler: MessageHandler): Promise<void> {
    if (this.isStopping) return;
    await this.whileStarting(async () => {
      await crashed.disconnect().catch(() => undefined);
      try {
        await this.startConsumer(handler);
      } catch (error: unknown) {
        this.settings.logger.error('ingestion consumer restart failed, trying again', {
          error: error instanceof Error ? error.message : String(error),
        });
        if (!this.isStopping) this.restartTimer = setTimeout(() => void this.restart(crashed, handler), RESTART_DELAY_MS);
      }
    });
  }

  private committerFor(partition: number): PartitionCommitter {
    const found = this.committers.get(partition);
    if (found) return found;
    const { groupId, topic, deadLetterTopic } = this.settings;
    const committer = new PartitionCommitter(this.kafka, transactionalIdFor(this.settings, partition), {
      groupId,
      topic,
      partition,
      deadLetterTopic,
    });
    this.committers.set(partition, committer);
    return committer;
  }
}
