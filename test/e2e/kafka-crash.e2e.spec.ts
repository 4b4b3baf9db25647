import { join } from 'node:path';
import { SqliteEventStore } from '@rapport/event-store';
import { account } from '../../libs/ingestion/contract/accounting';
import { deadLetterCount, expectExactAccounting, storedEvents } from '../../libs/ingestion/contract/accounting.expectations';
import {
  produce,
  readDeadLetters,
  testKafka,
  uniqueTopics,
  waitForCommits,
  waitUntilConsumed,
} from '../../libs/ingestion/contract/kafka-test-kit';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';
import { describeWithServer } from '../support/integration-server';
import { kafkaServiceEnv } from '../support/kafka-service-env';
import { removeDir, tempDataDir } from '../support/http-app.harness';
import { waitForHandled } from '../support/service-facts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

jest.setTimeout(300_000);

describeWithServer('KAFKA_BROKERS', 'Kafka', 'Kafka ingestion in a service process', (brokers) => {
  const kafka = testKafka(brokers);
  let dataDir: string;
  let service: ServiceProcess | undefined;

  beforeEach(() => {
    dataDir = tempDataDir('kafka-crash');
  });
  afterEach(async () => {
    if (service?.child.exitCode === null) await service.kill('SIGKILL');
    service = undefined;
    removeDir(dataDir);
  });

  it('given the process is SIGKILLed mid-batch, then SIGTERMed, then run to the end, the accounting is exact', async () => {
    const topics = uniqueTopics('crash');
    const env = kafkaServiceEnv(brokers, topics, dataDir, 6);
    const planned = mixedTraffic({ messages: 10_000, seed: 99, runId: 'crash' });

    service = await startServiceProcess(env);
    await produce(kafka, topics.topic, planned);
    const handledAtKill = await waitForHandled(service, 2_500, 120_000);
    await service.kill('SIGKILL');
    const afterKill = await waitForCommits(kafka, topics, 10_000, () => true);
    // Handled but not yet committed when the process died: the kill hit mid-batch.
    expect(afterKill.committed).toBeLessThan(handledAtKill);

    service = await startServiceProcess(env);
    const handledAtTerm = await waitForHandled(service, 1_500, 120_000);
    await service.kill('SIGTERM');
    const afterTerm = await waitForCommits(kafka, topics, 10_000, () => true);
    // Graceful stop: everything this process handled before the signal was committed before it exited.
    expect(afterTerm.committed - afterKill.committed).toBeGreaterThanOrEqual(handledAtTerm);
    expect(afterTerm.committed).toBeLessThan(10_000);

    service = await startServiceProcess(env);
    await waitUntilConsumed(kafka, topics, 200_000);
    await service.kill('SIGTERM');

    const letters = await readDeadLetters(kafka, topics.deadLetterTopic, deadLetterCount(planned));
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    try {
      expectExactAccounting(account(planned, await storedEvents(store), letters));
    } finally {
      await store.close();
    }
  });
});
