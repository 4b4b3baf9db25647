import type { Producer } from 'kafkajs';
import { testKafka, uniqueTopics } from '../../../../libs/ingestion/contract/kafka-test-kit';
import { describeWithServer } from '../../../../test/support/integration-server';
import { readSignalsTopic } from '../../../../test/support/signals-topic';
import { signalsFor } from './customer-signals';
import { POSITION_HEADER } from './kafka-signal-tail';
import { KafkaSignalLog } from './kafka.signal-log';
import type { PositionedSignal } from './signal-log';

jest.setTimeout(120_000);

const churnAt = (position: number): PositionedSignal => {
  const [signal] = signalsFor({
    id: `e${position}`,
    type: 'CustomerChurned',
    data: { customerId: `c${position % 5}`, occurredAt: '2026-02-01T10:00:00Z' },
  });
  if (!signal) throw new Error('CustomerChurned gives a signal');
  return { position, signal };
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, n) => churnAt(from + n));

describeWithServer('KAFKA_BROKERS', 'Kafka', 'KafkaSignalLog', (brokers) => {
  const kafka = testKafka(brokers);
  const logs: KafkaSignalLog[] = [];
  const abandoned: Producer[] = [];
  let topic: string;

  const aLog = (maxSignalsPerAppend = 10): KafkaSignalLog => {
    const log = new KafkaSignalLog(kafka, { topic, partitions: 3, transactionalId: `${topic}.publisher`, maxSignalsPerAppend });
    logs.push(log);
    return log;
  };

  /** A writer with the log's transactional id that sends and then dies without committing or aborting. */
  const abandonTransaction = async (signals: readonly PositionedSignal[]): Promise<void> => {
    const producer = kafka.producer({ transactionalId: `${topic}.publisher`, idempotent: true, maxInFlightRequests: 1 });
    abandoned.push(producer);
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({
      topic,
      messages: signals.map(({ position, signal }) => ({
        key: signal.subject,
        value: JSON.stringify(signal),
        headers: { [POSITION_HEADER]: String(position) },
      })),
    });
    // No commit, no abort: the transaction stays open as a SIGKILL would leave it (disconnected only after the test).
  };

  beforeEach(() => {
    topic = `${uniqueTopics('signal-log').topic}.signals`;
  });
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((log) => log.close()));
    await Promise.all(abandoned.splice(0).map((producer) => producer.disconnect()));
  });

  it('given a new topic, opens at position 0 (it creates the topic)', async () => {
    expect(await aLog().open()).toBe(0);
  });

  it('given committed appends, a later writer opens at the position of the last committed signal, whatever its partition', async () => {
    const first = aLog();
    await first.open();
    await first.append(range(1, 7));
    await first.append(range(9, 12));
    await first.close();
    expect(await aLog().open()).toBe(12);
    expect((await readSignalsTopic(kafka, topic)).map((m) => m.position).sort((a, b) => a - b)).toEqual(
      [...range(1, 7), ...range(9, 12)].map((s) => s.position),
    );
  });

  it('given a writer that died mid-transaction, the next open fences it: its signals never become visible, and it opens after the last committed', async () => {
    const first = aLog();
    await first.open();
    await first.append(range(1, 4));
    await abandonTransaction(range(5, 8));
    const next = aLog();
    expect(await next.open()).toBe(4);
    await next.append(range(5, 8));
    const committed = await readSignalsTopic(kafka, topic);
    expect(committed.map((m) => m.signal.id).sort()).toEqual(
      range(1, 8)
        .map((s) => s.signal.id)
        .sort(),
    );
    // A reader of uncommitted data sees the aborted copies too, with the same ids: it dedupes on them.
    const everything = await readSignalsTopic(kafka, topic, 'uncommitted');
    expect(everything.length).toBe(12);
    expect(new Set(everything.map((m) => m.signal.id))).toEqual(new Set(committed.map((m) => m.signal.id)));
  });

  it('given a tail of aborted messages longer than the first window read back, reads further back to the last committed one', async () => {
    const first = aLog(1);
    await first.open();
    await first.append(range(1, 3));
    await abandonTransaction(range(4, 40));
    await aLog(1).open();
    await abandonTransaction(range(4, 40));
    expect(await aLog(1).open()).toBe(3);
  });
});
