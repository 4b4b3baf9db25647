import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { CustomerSignal } from '../../apps/rapport/src/signals/customer-signals';
import { POSITION_HEADER } from '../../apps/rapport/src/signals/kafka-signal-tail';

export interface SignalMessage {
  readonly partition: number;
  readonly key: string;
  readonly position: number;
  readonly signal: CustomerSignal;
}

/**
 * Every message of the signals topic, from the first offset to the end offsets it has now, by a
 * consumer group of its own: committed ones only (read_committed, as a consumer of the contract
 * reads), or aborted ones too. Done when each partition's consumer reached its end offset: a fact, not a quiet period.
 */
export async function readSignalsTopic(
  kafka: Kafka,
  topic: string,
  isolation: 'committed' | 'uncommitted' = 'committed',
): Promise<SignalMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const pending = new Set([...ends].filter(([, end]) => end > 0).map(([partition]) => partition));
  const messages: SignalMessage[] = [];
  if (pending.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `rapport-test-signals-${randomUUID()}`, readUncommitted: isolation === 'uncommitted' });
  let finish: () => void = () => undefined;
  const isDone = new Promise<void>((resolve) => (finish = resolve));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (Number(payload.lastOffset) >= (ends.get(payload.partition) ?? 0) - 1) pending.delete(payload.partition);
    if (pending.size === 0) finish();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages)
          messages.push({
            partition: batch.partition,
            key: message.key?.toString() ?? '',
            position: Number(message.headers?.[POSITION_HEADER]?.toString()),
            signal: JSON.parse(message.value?.toString() ?? 'null') as CustomerSignal,
          });
      },
    });
    await isDone;
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Polls the topic's end offsets (a fact the broker answers) until `isDone` accepts their sum. */
export async function waitForEndOffsets(
  kafka: Kafka,
  topic: string,
  isDone: (total: number) => boolean,
  timeoutMs = 120_000,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const total = await admin
        .fetchTopicOffsets(topic)
        .then((offsets) => offsets.reduce((sum, p) => sum + Number(p.high), 0))
        .catch(() => undefined);
      if (total !== undefined && isDone(total)) return total;
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${topic}: end offsets ${total ?? 'unknown'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}
