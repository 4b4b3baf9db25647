import type { Kafka } from 'kafkajs';
import type { KafkaIngestionSettings } from './kafka-ingestion.options';

/** Creates the input and dead-letter topics when absent; another instance creating them at the same time is fine. */
export async function ensureTopics(kafka: Kafka, settings: KafkaIngestionSettings): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [settings.topic, settings.deadLetterTopic].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return [];
    const replicationFactor = settings.replicationFactor ?? -1;
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: settings.partitions, replicationFactor })),
      waitForLeaders: true,
    });
    return missing;
  } finally {
    await admin.disconnect();
  }
}
