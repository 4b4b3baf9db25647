import type { IngestionLogger } from '../../ingestion.port';

export interface KafkaIngestionOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Input topic, keyed by customer id (design.md §6). */
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  /** Partitions for each topic this adapter creates because it is missing; existing topics are left alone. */
  readonly partitions: number;
  /** Replicas for created topics; unset uses the broker's default.replication.factor. */
  readonly replicationFactor?: number;
  /** Partitions processed at the same time by this instance. */
  readonly partitionsConsumedConcurrently?: number;
  /** Messages of one partition handled at the same time: one per customer, each customer's in order. */
  readonly messagesInFlightPerPartition?: number;
  /** Commit (dead letters + offsets, one transaction) after this many messages of a partition... */
  readonly commitEveryMessages?: number;
  /** ...or this long after the first uncommitted one, whichever comes first. */
  readonly commitIntervalMs?: number;
  readonly logger: IngestionLogger;
}

export type KafkaIngestionSettings = Required<Omit<KafkaIngestionOptions, 'replicationFactor'>> &
  Pick<KafkaIngestionOptions, 'replicationFactor'>;

export function withDefaults(options: KafkaIngestionOptions): KafkaIngestionSettings {
  return {
    clientId: 'rapport',
    partitionsConsumedConcurrently: Math.max(1, options.partitions),
    messagesInFlightPerPartition: 32,
    commitEveryMessages: 500,
    commitIntervalMs: 1_000,
    ...options,
  };
}

/**
 * One transactional id per input partition (the pre-KIP-447 pattern kafkajs supports): whichever
 * instance owns the partition next fences the previous owner and aborts its open transaction.
 */
export function transactionalIdFor(settings: Pick<KafkaIngestionSettings, 'groupId' | 'topic'>, partition: number): string {
  return `${settings.groupId}.${settings.topic}.${partition}`;
}
