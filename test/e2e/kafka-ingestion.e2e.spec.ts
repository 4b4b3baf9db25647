import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '@rapport/event-store';
import type { Kafka } from 'kafkajs';
import { securityFromEnvironment, type AppConfig } from '../../apps/rapport/src/config';
import { createHttpApp } from '../../apps/rapport/src/http-app';
import { EVENT_STORE } from '../../apps/rapport/src/wiring/tokens';
import { account, type Accounting } from '../../libs/ingestion/contract/accounting';
import { deadLetterCount, expectExactAccounting, storedEvents } from '../../libs/ingestion/contract/accounting.expectations';
import {
  produce,
  readDeadLetters,
  restartBroker,
  testKafka,
  uniqueTopics,
  waitForCommits,
  waitUntilConsumed,
  type TestTopics,
} from '../../libs/ingestion/contract/kafka-test-kit';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';
import type { PlannedMessage } from '../../libs/ingestion/contract/planned-message';
import { describeWithServer } from '../support/integration-server';
import { removeDir, tempDataDir } from '../support/http-app.harness';

jest.setTimeout(300_000);

describeWithServer('KAFKA_BROKERS', 'Kafka', 'Kafka ingestion', (brokers) => {
  const kafka = testKafka(brokers);
  let dataDir: string;
  let app: INestApplication | undefined;

  beforeEach(() => {
    dataDir = tempDataDir('kafka');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    removeDir(dataDir);
  });

  it('given 10,000 mixed messages from several sources, every one ends in exactly one place and each customer keeps its order', async () => {
    const topics = uniqueTopics('mixed');
    app = await startIngestingApp(dataDir, brokers, topics);
    const planned = mixedTraffic({ messages: 10_000, seed: 20260115, runId: 'mix' });

    await produce(kafka, topics.topic, planned);
    await waitUntilConsumed(kafka, topics, 150_000);

    expectExactAccounting(await accountFor(kafka, app, topics, planned));
    expect(counts(planned)).toEqual({
      appended: expect.any(Number),
      duplicate: 200,
      invalid: 500,
      rejected: expect.any(Number),
      unreadable: 50,
    });
    expect(counts(planned).rejected).toBeGreaterThan(50);
  });

  it('given the broker restarts in the middle of the stream, the accounting is still exact: nothing lost, nothing doubled', async () => {
    const topics = uniqueTopics('restart');
    app = await startIngestingApp(dataDir, brokers, topics);
    const planned = mixedTraffic({ messages: 10_000, seed: 777, runId: 'rst' });
    const [firstHalf, secondHalf] = [planned.slice(0, 5_000), planned.slice(5_000)];

    await produce(kafka, topics.topic, firstHalf);
    const atRestart = await waitForCommits(kafka, topics, 60_000, ({ committed }) => committed >= 1_500);
    await restartBroker();
    await produce(kafka, topics.topic, secondHalf);
    await waitUntilConsumed(kafka, topics, 200_000);

    expect(atRestart.committed).toBeLessThan(5_000);
    expectExactAccounting(await accountFor(kafka, app, topics, planned));
  });
});

/** The service's own HTTP app with Kafka ingestion on, over SQLite in a data dir of the test's own. */
async function startIngestingApp(dataDir: string, brokers: string, topics: TestTopics): Promise<INestApplication> {
  const kafka = {
    brokers: brokers.split(','),
    topic: topics.topic,
    deadLetterTopic: topics.deadLetterTopic,
    groupId: topics.groupId,
    topicPartitions: 6,
  };
  const security = securityFromEnvironment({ RAPPORT_AUTH: 'disabled' }, dataDir);
  const config: AppConfig = { port: 0, host: '127.0.0.1', dataDir, sqliteSynchronous: 'NORMAL', security, kafka };
  const app = await createHttpApp(config);
  app.useLogger(['error']);
  await app.init();
  return app;
}

async function accountFor(
  kafka: Kafka,
  app: INestApplication,
  topics: TestTopics,
  planned: readonly PlannedMessage[],
): Promise<Accounting> {
  const letters = await readDeadLetters(kafka, topics.deadLetterTopic, deadLetterCount(planned));
  return account(planned, await storedEvents(app.get<EventStore>(EVENT_STORE)), letters);
}

function counts(planned: readonly PlannedMessage[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const message of planned) result[message.expected] = (result[message.expected] ?? 0) + 1;
  return result;
}
