import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { securityFromEnvironment, type AppConfig } from '../../apps/rapport/src/config';
import { createHttpApp } from '../../apps/rapport/src/http-app';
import { produce, uniqueTopics, waitUntilConsumed, type TestTopics } from '../../libs/ingestion/contract/kafka-test-kit';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';
import type { PlannedMessage } from '../../libs/ingestion/contract/planned-message';
import { rawConsumption } from './raw-consumer';

const PARTITIONS = 6;

/**
 * Ingestion throughput, produce → appended (events in the SQLite store, offsets committed), beside
 * the raw rate at which kafkajs alone consumes the same traffic (the ceiling), in one run.
 * Usage: KAFKA_BROKERS=127.0.0.1:9092 npm run bench:ingestion -- [messages] [FULL|NORMAL]
 */
async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('set KAFKA_BROKERS (scripts/kafka.sh start prints it)');
  const messages = Number(process.argv[2] ?? 20_000);
  const synchronous = process.argv[3] === 'FULL' ? 'FULL' : 'NORMAL';
  const kafka = new Kafka({ clientId: 'rapport-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const traffic = mixedTraffic({ messages, seed: 1234, runId: `bench${Date.now().toString(36)}` });

  const rawTopics = await createTopics(kafka, uniqueTopics('bench-raw'));
  const rawSeconds = await rawConsumption(kafka, rawTopics.topic, messages, PARTITIONS, () => produce(kafka, rawTopics.topic, traffic));
  const rapport = await rapportIngestion(kafka, brokers, traffic, synchronous);

  const rows = [
    { path: 'kafkajs alone (ceiling)', seconds: rawSeconds },
    { path: `Rapport: produce → appended (SQLite ${synchronous})`, seconds: rapport },
  ].map((row) => ({ ...row, perSecond: Math.round(messages / row.seconds) }));
  for (const row of rows) process.stdout.write(`${row.path.padEnd(48)} ${String(row.perSecond).padStart(8)} msg/s  (${messages} messages in ${row.seconds.toFixed(2)} s)\n`);
  const ratio = (rows[1]?.perSecond ?? 0) / (rows[0]?.perSecond ?? 1);
  process.stdout.write(`Rapport / ceiling: ${(ratio * 100).toFixed(1)} %\n`);
  process.stdout.write('produce → projected: not measured, the read models are not in this build yet\n');
  process.stdout.write(`${JSON.stringify({ messages, partitions: PARTITIONS, synchronous, rows, ratio })}\n`);
}

async function rapportIngestion(kafka: Kafka, brokers: string, traffic: readonly PlannedMessage[], synchronous: 'FULL' | 'NORMAL'): Promise<number> {
  const topics = await createTopics(kafka, uniqueTopics('bench-rapport'));
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-ingestion-'));
  const app = await startApp(dataDir, brokers, topics, synchronous);
  try {
    const started = process.hrtime.bigint();
    await produce(kafka, topics.topic, traffic);
    await waitUntilConsumed(kafka, topics, 600_000);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startApp(dataDir: string, brokers: string, topics: TestTopics, synchronous: 'FULL' | 'NORMAL'): Promise<INestApplication> {
  const kafka = { brokers: brokers.split(','), topic: topics.topic, deadLetterTopic: topics.deadLetterTopic, groupId: topics.groupId, topicPartitions: PARTITIONS };
  const security = securityFromEnvironment({ RAPPORT_AUTH: 'disabled' }, dataDir);
  const config: AppConfig = { port: 0, host: '127.0.0.1', dataDir, sqliteSynchronous: synchronous, security, kafka };
  const app = await createHttpApp(config);
  app.useLogger(['error']);
  await app.init();
  return app;
}

async function createTopics(kafka: Kafka, topics: TestTopics): Promise<TestTopics> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [topics.topic, topics.deadLetterTopic].map((topic) => ({ topic, numPartitions: PARTITIONS })), waitForLeaders: true });
  await admin.disconnect();
  return topics;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
