import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { securityFromEnvironment, type AppConfig } from '../../apps/rapport/src/config';
import { OriginalSealer } from '../../apps/rapport/src/core';
import { createHttpApp } from '../../apps/rapport/src/http-app';
import { testKafka, uniqueTopics, waitUntilConsumed, type TestTopics } from '../../libs/ingestion/contract/kafka-test-kit';
import { describeWithServer } from '../support/integration-server';
import { removeDir, tempDataDir } from '../support/http-app.harness';

jest.setTimeout(120_000);

/** The broker's log directory as scripts/kafka.sh lays it out. */
const KAFKA_LOG_DIR = join(process.env.KAFKA_DATA_DIR ?? '/tmp/rapport-kafka', 'data');
const SECRET = 'Dlq-Plaintext';

const cloudEvent = (id: string, type: string, subject: string, data: object) =>
  JSON.stringify({ specversion: '1.0', id, source: 'urn:privacy-test', type, subject, time: '2026-02-01T10:00:00Z', data });
const acquisition = (id: string, subject: string, extra: object) =>
  cloudEvent(id, 'customer.acquired', subject, {
    customerType: 'individual',
    channel: 'web',
    assets: { amount: '10.00', currency: 'CNY' },
    riskProfile: 'C1',
    ...extra,
  });

/** Every kind of dead letter, each carrying personal data or free text in plaintext as produced. */
const MESSAGES = [
  { key: 'DLP-1', value: acquisition('1', 'DLP-1', { personal: { name: 'Zhang Appended' } }), fate: 'appended' },
  { key: 'DLP-1', value: acquisition('2', 'DLP-1', { personal: { name: `Zhang ${SECRET}-rejected` } }), fate: 'rejected' },
  {
    key: 'DLP-404',
    value: cloudEvent('3', 'customer.churned', 'DLP-404', { reason: `left for ${SECRET}-unknown-customer` }),
    fate: 'rejected',
  },
  { key: 'DLP-1', value: acquisition('4', 'DLP-1', { notes: `${SECRET}-unclassified-field` }), fate: 'invalid' },
  { key: 'DLP-1', value: `{"data":{"personal":{"name":"${SECRET}-unreadable"}`, fate: 'unreadable' },
] as const;

describeWithServer('KAFKA_BROKERS', 'Kafka', 'dead letters keep no plaintext personal data (issue 14 item 4)', (brokers) => {
  const kafka = testKafka(brokers);
  let dataDir: string;
  let app: INestApplication;
  let topics: TestTopics;

  beforeAll(async () => {
    dataDir = tempDataDir('dlq-privacy');
    topics = uniqueTopics('dlq-privacy');
    app = await startIngestingApp(dataDir, brokers, topics);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: topics.topic, acks: -1, messages: MESSAGES.map(({ key, value }) => ({ key, value })) });
    await producer.disconnect();
    await waitUntilConsumed(kafka, topics, 60_000);
  });
  afterAll(async () => {
    await app.close();
    removeDir(dataDir);
  });

  it('the DLQ read back with a consumer holds none of it, and each letter opens with the customer key for repair', async () => {
    const values = await readValues(kafka, topics.deadLetterTopic, 4);
    expect(values.map((value) => value.includes(SECRET))).toEqual([false, false, false, false]);
    const sealer = app.get(OriginalSealer);
    const opened = await Promise.all(values.map(async (value) => (await sealer.open(JSON.parse(value.toString()))).original.toString()));
    expect(opened.sort()).toEqual(
      MESSAGES.filter((message) => message.fate !== 'appended')
        .map((message) => message.value)
        .sort(),
    );
  });

  it("the broker's log segments of the DLQ hold none of it", () => {
    const partitions = readdirSync(KAFKA_LOG_DIR).filter((name) => name.startsWith(`${topics.deadLetterTopic}-`));
    expect(partitions.length).toBeGreaterThan(0);
    const segments = partitions.flatMap((dir) =>
      readdirSync(join(KAFKA_LOG_DIR, dir))
        .filter((file) => file.endsWith('.log'))
        .map((file) => readFileSync(join(KAFKA_LOG_DIR, dir, file))),
    );
    const bytes = Buffer.concat(segments);
    expect(bytes.includes('rapport-dlq-reason')).toBe(true);
    expect(bytes.includes(SECRET)).toBe(false);
  });
});

async function startIngestingApp(dataDir: string, brokers: string, topics: TestTopics): Promise<INestApplication> {
  const kafka = {
    brokers: brokers.split(','),
    topic: topics.topic,
    deadLetterTopic: topics.deadLetterTopic,
    groupId: topics.groupId,
    topicPartitions: 2,
  };
  const config: AppConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    sqliteSynchronous: 'NORMAL',
    security: securityFromEnvironment({ RAPPORT_AUTH: 'disabled' }, dataDir),
    kafka,
  };
  const app = await createHttpApp(config);
  app.useLogger(['error']);
  await app.init();
  return app;
}

/** The DLQ's values (read_committed), once `count` have arrived. */
async function readValues(kafka: Kafka, topic: string, count: number): Promise<Buffer[]> {
  const letters: Buffer[] = [];
  const consumer = kafka.consumer({ groupId: `dlq-privacy-reader-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const arrived = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        letters.push(message.value ?? Buffer.alloc(0));
        if (letters.length >= count) resolve();
      },
    });
  });
  try {
    await arrived;
    return letters;
  } finally {
    await consumer.disconnect();
  }
}
