import type { RecordedEvent } from '@rapport/event-store';
import type { Kafka } from 'kafkajs';
import { allProjections, MongoReadModelStore } from '@rapport/read-models';
import { account } from '../../libs/ingestion/contract/accounting';
import { deadLetterCount, expectExactAccounting, isCausedByMessage } from '../../libs/ingestion/contract/accounting.expectations';
import { produce, readDeadLetters, testKafka, waitForCommits, waitUntilConsumed } from '../../libs/ingestion/contract/kafka-test-kit';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';
import { describeWithServer } from '../support/integration-server';
import { accountHttp, accountRetentionAlerts } from './effects-accounting';
import { caughtUp, waitForHandled } from '../support/service-facts';
import { customerCommands, retentionAlertDue, sendCommands, type HttpAnswer } from './http-traffic';
import { RapportCluster } from './rapport-cluster';
import { rebuiltFromScratch, snapshot } from './read-models-rebuilt';

jest.setTimeout(900_000);

const MESSAGES = 20_000;
const KAFKA_RUN = 'mi';
const HTTP_PREFIX = 'H-';
const CUSTOMERS_PER_ROUND = 12;
const projections = allProjections();

describeWithServer('KAFKA_BROKERS', 'Kafka', 'three Rapport instances under failure', (kafkaBrokers) => {
  describeWithServer('MONGO_URL', 'FerretDB', 'three Rapport instances under failure', (mongoUrl) => {
    let cluster: RapportCluster | undefined;
    afterAll(async () => {
      await cluster?.stop();
    });

    it(
      `${MESSAGES} Kafka messages and HTTP commands over three instances, one SIGKILLed and one stopped mid-stream, both restarted: ` +
        'every message and command lands once and in order, every read model equals a rebuild, every saga command happens once',
      async () => {
        const kafka = testKafka(kafkaBrokers);
        const planned = mixedTraffic({ messages: MESSAGES, seed: 1616, runId: KAFKA_RUN });
        cluster = await RapportCluster.start({ kafkaBrokers, mongoUrl }, 3, 'three');
        const running = cluster;
        const { topics } = running;

        // HTTP commands go on, spread over whichever instances run, until Kafka is drained.
        let isKafkaDrained = false;
        const answers: HttpAnswer[] = [];
        const alertDue = new Map<string, string>();
        const httpTraffic = (async () => {
          for (let round = 0; !isKafkaDrained; round++) {
            const customers = Array.from({ length: CUSTOMERS_PER_ROUND }, (_, i) => {
              const n = round * CUSTOMERS_PER_ROUND + i;
              const customerId = `${HTTP_PREFIX}${n}`;
              const due = retentionAlertDue(customerId, n);
              if (due) alertDue.set(customerId, due);
              return customerCommands(customerId, n);
            });
            answers.push(...(await sendCommands(customers, () => running.running().map((instance) => instance.url), 6)));
          }
        })();
        const producing = produce(kafka, topics.topic, planned);
        try {
          await failOverMidStream(running, kafka, planned.length);
          await producing;
          await waitUntilConsumed(kafka, topics, 600_000);
        } finally {
          isKafkaDrained = true;
          await httpTraffic;
        }

        // Kafka and HTTP first: their events are all in once the group is drained and every command answered.
        const written = await running.storedEvents();
        const letters = await readDeadLetters(kafka, topics.deadLetterTopic, deadLetterCount(planned));
        const kafkaEvents = written.filter((event) => event.streamId.startsWith(`customer-${KAFKA_RUN}-`) && isCausedByMessage(event));
        expectExactAccounting(account(planned, kafkaEvents.map(accountingView), letters));
        const httpEvents = written.filter((event) => event.streamId.startsWith(`customer-${HTTP_PREFIX}`) && isCausedByMessage(event));
        const http = accountHttp(answers, httpEvents);
        expect({ ...http, retried: answers.filter((answer) => answer.attempts > 1).length }).toMatchObject({
          notCreated: [],
          outOfOrderCustomers: [],
          doubledSources: [],
        });
        expect(http.commands).toBeGreaterThan(CUSTOMERS_PER_ROUND * 3);

        // Then the read side: every projection and the saga feed at the head, as each instance reports it.
        for (const instance of running.running()) await caughtUp(instance);
        await Promise.all(running.running().map((instance) => instance.kill('SIGTERM')));

        // Work the instances issue themselves, each exactly once. Outbound signals (branch signals) join here.
        const events = await running.storedEvents();
        expect(accountRetentionAlerts(events, alertDue)).toEqual({ missingAlerts: [], doubledAlerts: [], unwarrantedAlerts: [] });
        expect(alertDue.size).toBeGreaterThan(0);

        const served = await MongoReadModelStore.connect(running.readModelsUrl);
        const store = running.openEventStore();
        try {
          const rebuilt = await rebuiltFromScratch(store, projections);
          expect(await snapshot(served, projections)).toEqual(rebuilt);
          expect(Object.values(rebuilt).flat().length).toBeGreaterThan(1_000);
        } finally {
          await Promise.all([served.close(), store.close()]);
        }
      },
    );
  });
});

/**
 * Instance 0 is SIGKILLed once it has handled messages of its own (mid-batch: handled, not all committed);
 * instance 1 is stopped with SIGTERM once the survivors have moved the group on and it has handled
 * some itself, while messages remain; then both start again.
 */
async function failOverMidStream(cluster: RapportCluster, kafka: Kafka, messages: number): Promise<void> {
  const { topics } = cluster;
  await waitForHandled(cluster.instance(0), 1_500);
  await cluster.instance(0).kill('SIGKILL');
  const atKill = await waitForCommits(kafka, topics, 30_000, () => true);
  await waitForCommits(kafka, topics, 300_000, ({ committed }) => committed >= atKill.committed + 3_000);
  await waitForHandled(cluster.instance(1), 500);
  await cluster.instance(1).kill('SIGTERM');
  const atStop = await waitForCommits(kafka, topics, 30_000, () => true);
  expect({ isMidStream: atStop.committed < messages }).toEqual({ isMidStream: true });
  await cluster.startInstance(0);
  await cluster.startInstance(1);
}

function accountingView(event: RecordedEvent) {
  return { streamId: event.streamId, revision: event.revision, sourceMessage: event.metadata.sourceMessage };
}
