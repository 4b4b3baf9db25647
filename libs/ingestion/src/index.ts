export * from './cloud-event';
export * from './cloud-event.decode';
export * from './dead-letter';
export * from './ingestion.port';
export { KafkaIngestion } from './adapters/kafka/kafka.ingestion';
export type { KafkaIngestionOptions } from './adapters/kafka/kafka-ingestion.options';
export { kafkaLogCreator } from './adapters/kafka/kafka-log';
