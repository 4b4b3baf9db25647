import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { securityFromEnvironment, type AppConfig } from '../../apps/rapport/src/config';
import { EVENT_STORE } from '../../apps/rapport/src/core';
import { createHttpApp } from '../../apps/rapport/src/http-app';
import { ProjectorHost } from '../../apps/rapport/src/projections/projector-host';
import type { EventStore } from '../../libs/event-store/src';
import { produce, uniqueTopics, waitUntilConsumed, type TestTopics } from '../../libs/ingestion/contract/kafka-test-kit';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';
import type { PlannedMessage } from '../../libs/ingestion/contract/planned-message';
import { median } from '../src/support/stats';
import { rawConsumption } from './raw-consumer';

const PARTITIONS = 6;

/**
 * Ingestion throughput, produce → appended (events in the SQLite store, offsets committed) and
 * produce → projected (every read model has applied them), beside the raw rate at which kafkajs
 * alone consumes the same traffic (the ceiling), in one run. The clock starts before the first
 * message is produced, for the ceiling too.
 * Each figure is the median of three runs after a warm-up (one run with BENCH_QUICK=1).
 * Usage: KAFKA_BROKERS=127.0.0.1:9092 npm run bench:ingestion -- [messages] [FULL|NORMAL]
 */
async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('set KAFKA_BROKERS (scripts/kafka.sh start prints it)');
  const isQuick = process.env.BENCH_QUICK === '1';
  const messages = Number(process.argv[2] ?? (isQuick ? 4_000 : 20_000));
  const synchronous = process.argv[3] === 'FULL' ? 'FULL' : 'NORMAL';
  const runs = isQuick ? 1 : 3;
  const kafka = new Kafka({ clientId: 'rapport-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

  process.stderr.write(`ingestion ${synchronous}: warm-up\n`);
  await measureOnce(kafka, brokers, Math.min(messages, 2_000), synchronous);
  const measured: Measured[] = [];
  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`ingestion ${synchronous}: run ${run} of ${runs}\n`);
    measured.push(await measureOnce(kafka, brokers, messages, synchronous));
  }

  const seconds = (pick: (m: Measured) => number) => median(measured.map(pick));
  const rows = [
    { path: 'kafkajs alone (ceiling)', seconds: seconds((m) => m.raw) },
    { path: `Rapport: produce → appended (SQLite ${synchronous})`, seconds: seconds((m) => m.appended) },
    { path: `Rapport: produce → projected (SQLite ${synchronous})`, seconds: seconds((m) => m.projected) },
  ].map((row) => ({ ...row, perSecond: Math.round(messages / row.seconds) }));
  process.stdout.write(`median of ${runs} runs after a warm-up:\n`);
  for (const row of rows)
    process.stdout.write(
      `${row.path.padEnd(50)} ${String(row.perSecond).padStart(8)} msg/s  (${messages} messages in ${row.seconds.toFixed(2)} s)\n`,
    );
  const ratio = (rows[1]?.perSecond ?? 0) / (rows[0]?.perSecond ?? 1);
  const projectedRatio = (rows[2]?.perSecond ?? 0) / (rows[0]?.perSecond ?? 1);
  process.stdout.write(`Rapport / ceiling: appended ${(ratio * 100).toFixed(1)} %, projected ${(projectedRatio * 100).toFixed(1)} %\n`);
  process.stdout.write(
    `${JSON.stringify({ messages, partitions: PARTITIONS, synchronous, runs: measured, rows, ratio, projectedRatio })}\n`,
  );
}

interface Measured {
  readonly raw: number;
  readonly appended: number;
  readonly projected: number;
}

/** One run: the same fresh traffic through kafkajs alone, then through Rapport, each on topics of its own. */
async function measureOnce(kafka: Kafka, brokers: string, messages: number, synchronous: 'FULL' | 'NORMAL'): Promise<Measured> {
  const traffic = mixedTraffic({ messages, seed: 1234, runId: `bench${Date.now().toString(36)}` });
  const rawTopics = await createTopics(kafka, uniqueTopics('bench-raw'));
  const raw = await rawConsumption(kafka, rawTopics.topic, messages, PARTITIONS, () => produce(kafka, rawTopics.topic, traffic));
  return { raw, ...(await rapportIngestion(kafka, brokers, traffic, synchronous)) };
}

async function rapportIngestion(
  kafka: Kafka,
  brokers: string,
  traffic: readonly PlannedMessage[],
  synchronous: 'FULL' | 'NORMAL',
): Promise<{ appended: number; projected: number }> {
  const topics = await createTopics(kafka, uniqueTopics('bench-rapport'));
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-ingestion-'));
  const app = await startApp(dataDir, brokers, topics, synchronous);
  try {
    const started = process.hrtime.bigint();
    await produce(kafka, topics.topic, traffic);
    await waitUntilConsumed(kafka, topics, 600_000);
    const appended = Number(process.hrtime.bigint() - started) / 1e9;
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    const projector = app.get(ProjectorHost);
    const names = projector.status().map((status) => status.name);
    if (!(await projector.waitFor(names, head, 600_000))) throw new Error('the projections did not catch up within ten minutes');
    return { appended, projected: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startApp(dataDir: string, brokers: string, topics: TestTopics, synchronous: 'FULL' | 'NORMAL'): Promise<INestApplication> {
  const kafka = {
    brokers: brokers.split(','),
    topic: topics.topic,
    deadLetterTopic: topics.deadLetterTopic,
    groupId: topics.groupId,
    topicPartitions: PARTITIONS,
  };
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
  await admin.createTopics({
    topics: [topics.topic, topics.deadLetterTopic].map((topic) => ({ topic, numPartitions: PARTITIONS })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  return topics;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
