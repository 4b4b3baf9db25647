import type { Kafka } from 'kafkajs';

/**
 * The ceiling: kafkajs alone reading the same kind of topic with the same partitions and concurrency,
 * no decoding and no processing, offsets auto-committed. Resolves when `expected` messages were seen.
 */
export async function rawConsumption(
  kafka: Kafka,
  topic: string,
  expected: number,
  concurrency: number,
  produceAll: () => Promise<void>,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: `${topic}.raw` });
  let seen = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const joined = waitForAssignment(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: concurrency,
    eachBatch: async ({ batch }) => {
      seen += batch.messages.length;
      if (seen >= expected) finish();
    },
  });
  await joined;
  const started = process.hrtime.bigint();
  await produceAll();
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.disconnect();
  return seconds;
}

/** Joining the group takes a few seconds; the clock starts only once partitions are assigned. Listen before run(). */
export function waitForAssignment(consumer: { on: (event: 'consumer.group_join', listener: () => void) => unknown }): Promise<void> {
  return new Promise((resolve) => consumer.on('consumer.group_join', () => resolve()));
}
