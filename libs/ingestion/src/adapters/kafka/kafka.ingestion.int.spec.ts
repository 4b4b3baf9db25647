import type { Admin } from 'kafkajs';
import { describeWithServer } from '../../../../../test/support/integration-server';
import { testKafka, uniqueTopics, type TestTopics } from '../../../contract/kafka-test-kit';
import type { MessageHandler } from '../../ingestion.port';
import { KafkaIngestion } from './kafka.ingestion';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const appendEverything: MessageHandler = { handle: async () => ({ kind: 'appended' }) };

describeWithServer('KAFKA_BROKERS', 'Kafka', 'Kafka ingestion adapter lifecycle', (brokers) => {
  const kafka = testKafka(brokers);
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });

  function ingestionOn(topics: TestTopics): KafkaIngestion {
    return new KafkaIngestion({ brokers: brokers.split(','), ...topics, partitions: 2, logger: quiet });
  }

  async function groupMembers(groupId: string): Promise<number> {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.members.length ?? 0;
  }

  /** Resolves once the group lists a member: the consumer has sent its JoinGroup and may still be syncing. */
  async function memberJoining(groupId: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await groupMembers(groupId)) === 0) {
      if (Date.now() > deadline) throw new Error(`no member joined ${groupId} within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('stopped while its consumer joins the group, leaves no member behind once start and stop have settled', async () => {
    const topics = uniqueTopics('stop-joining');
    const ingestion = ingestionOn(topics);
    const starting = ingestion.start(appendEverything);
    await memberJoining(topics.groupId);

    await ingestion.stop();
    await starting.catch(() => undefined);

    expect(await groupMembers(topics.groupId)).toBe(0);
  });

  it('stopped before it has started, leaves no member behind either', async () => {
    const topics = uniqueTopics('stop-at-once');
    const ingestion = ingestionOn(topics);
    const starting = ingestion.start(appendEverything);
    await ingestion.stop();
    await starting.catch(() => undefined);

    expect(await groupMembers(topics.groupId)).toBe(0);
  });

  it('started again after a stop, consumes as a member of the group, and stops cleanly', async () => {
    const topics = uniqueTopics('restart');
    const ingestion = ingestionOn(topics);
    await ingestion.start(appendEverything);
    await ingestion.stop();
    await ingestion.start(appendEverything);
    expect(await groupMembers(topics.groupId)).toBe(1);

    await ingestion.stop();
    expect(await groupMembers(topics.groupId)).toBe(0);
  });
});
