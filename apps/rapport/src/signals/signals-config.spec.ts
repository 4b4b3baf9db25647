import { kafkaFromEnvironment } from '../config';

describe('the signals settings from the environment', () => {
  const kafka = { KAFKA_BROKERS: '127.0.0.1:9092' };

  it.each([
    ['Kafka alone: the default topic', {}, 'rapport.customer-signals.v1'],
    ['a topic of its own', { RAPPORT_SIGNALS_TOPIC: 'bank.signals' }, 'bank.signals'],
    ['the publisher off on this instance', { RAPPORT_SIGNALS_PUBLISHER: 'off', RAPPORT_SIGNALS_TOPIC: 'bank.signals' }, undefined],
  ])('%s', (_, env, topic) => {
    expect(kafkaFromEnvironment({ ...kafka, ...env })?.signalsTopic).toBe(topic);
  });

  it('publishes nothing without Kafka', () => {
    expect(kafkaFromEnvironment({ RAPPORT_SIGNALS_TOPIC: 'bank.signals' })).toBeUndefined();
  });
});
