import type { TestTopics } from '../../libs/ingestion/contract/kafka-test-kit';

/** The topic a service started by `kafkaServiceEnv` publishes its outbound signals to. */
export function signalsTopicOf(topics: TestTopics): string {
  return `${topics.topic}.signals`;
}

/** The environment that has a service process consume a test's own topics, as their own consumer group. */
export function kafkaConsumerEnv(brokers: string, topics: TestTopics, partitions: number): Record<string, string> {
  return {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: topics.topic,
    KAFKA_DLQ_TOPIC: topics.deadLetterTopic,
    KAFKA_GROUP_ID: topics.groupId,
    KAFKA_TOPIC_PARTITIONS: String(partitions),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
}

/**
 * The environment of a service process with a store of the test's own (SQLite in `dataDir`,
 * NORMAL), consuming the test's topics, and publishing its signals to a topic of its own (the
 * signals topic follows one store).
 */
export function kafkaServiceEnv(brokers: string, topics: TestTopics, dataDir: string, partitions: number): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    SQLITE_SYNCHRONOUS: 'NORMAL',
    ...kafkaConsumerEnv(brokers, topics, partitions),
    RAPPORT_SIGNALS_TOPIC: signalsTopicOf(topics),
  };
}
