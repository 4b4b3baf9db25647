export const KAFKA_MESSAGE_HANDLER = Symbol('KafkaMessageHandler');
