import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { readDeadLetterHeaders } from '../src/dead-letter';
import type { DeadLetterView } from './accounting';
import { SEQ_HEADER, type PlannedMessage } from './planned-message';

const run = promisify(execFile);
const KAFKA_SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'kafka.sh');

export interface TestTopics {
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
}

/** Fresh names per run: a broker kept between runs (kafka.sh restart keeps data) never mixes them up. */
export function uniqueTopics(label: string): TestTopics {
  const suffix = `${label}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const topic = `rapport.test.${suffix}`;
  return { topic, deadLetterTopic: `${topic}.dlq`, groupId: `rapport-test-${suffix}` };
}

export function testKafka(brokers: string): Kafka {
  return new Kafka({
    clientId: 'rapport-test',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 3_000 },
  });
}

/** Produces in plan order with one idempotent producer, so each key's messages keep their order. */
export async function produce(kafka: Kafka, topic: string, planned: readonly PlannedMessage[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let start = 0; start < planned.length; start += 1_000) {
      const messages = planned.slice(start, start + 1_000).map(({ key, value, headers }) => ({ key, value, headers }));
      await producer.send({ topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Resolves when the group has committed every message of the topic. */
export function waitUntilConsumed(kafka: Kafka, topics: TestTopics, timeoutMs: number): Promise<{ committed: number; total: number }> {
  return waitForCommits(kafka, topics, timeoutMs, ({ committed, total }) => total > 0 && committed === total);
}

/** Polls the group's committed offsets until `isDone` says so. */
export async function waitForCommits(
  kafka: Kafka,
  topics: TestTopics,
  timeoutMs: number,
  isDone: (state: { committed: number; total: number }) => boolean,
): Promise<{ committed: number; total: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // A broker restarting under another test answers with errors for a while: ask again.
      const state = await progress(admin, topics).catch(() => undefined);
      if (state && isDone(state)) return state;
      if (Date.now() > deadline)
        throw new Error(`waited ${timeoutMs} ms: ${state ? `${state.committed}/${state.total}` : 'no answer'} committed`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Messages committed by the group and messages in the topic (the sum of high watermarks). */
export async function progress(admin: Admin, topics: TestTopics): Promise<{ committed: number; total: number }> {
  const ends = await admin.fetchTopicOffsets(topics.topic);
  const [group] = await admin.fetchOffsets({ groupId: topics.groupId, topics: [topics.topic] });
  const committedBy = new Map((group?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]));
  return {
    total: ends.reduce((sum, end) => sum + Number(end.high), 0),
    committed: ends.reduce((sum, end) => sum + (committedBy.get(end.partition) ?? 0), 0),
  };
}

/** Reads the DLQ (read_committed) until `expected` letters arrived and then `quietMs` passed with nothing new. */
export async function readDeadLetters(
  kafka: Kafka,
  topic: string,
  expected: number,
  timeoutMs = 60_000,
  quietMs = 2_000,
): Promise<DeadLetterView[]> {
  const letters: DeadLetterView[] = [];
  let lastArrival = Date.now();
  const consumer = kafka.consumer({ groupId: `rapport-test-dlq-reader-${Date.now()}-${Math.random()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = message.headers ?? {};
      letters.push({ seq: Number(String(headers[SEQ_HEADER])), ...readDeadLetterHeaders(headers) });
      lastArrival = Date.now();
    },
  });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !(letters.length >= expected && Date.now() - lastArrival >= quietMs)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return letters;
  } finally {
    await consumer.disconnect();
  }
}

/** `scripts/kafka.sh restart`: stop, then start with the data kept (topics, offsets, open transactions survive). */
export async function restartBroker(): Promise<void> {
  await run('bash', [KAFKA_SCRIPT, 'restart'], { timeout: 180_000 });
}
