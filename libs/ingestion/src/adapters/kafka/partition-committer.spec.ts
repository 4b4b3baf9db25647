import type { Kafka } from 'kafkajs';
import { CommitterClosed, PartitionCommitter } from './partition-committer';

const target = { groupId: 'g', topic: 't', partition: 0, deadLetterTopic: 't.dlq' };

/** A Kafka whose producers connect only when the test says so, and refuse transactions once disconnected. */
function kafkaWithSlowConnect() {
  const producers: { isConnected: boolean; finishConnecting: () => void }[] = [];
  const kafka = {
    producer: () => {
      const state = { isConnected: false, finishConnecting: () => undefined as void };
      producers.push(state);
      return {
        connect: () =>
          new Promise<void>((resolve) => {
            state.finishConnecting = () => {
              state.isConnected = true;
              resolve();
            };
          }),
        disconnect: async () => {
          state.isConnected = false;
        },
        transaction: async () => {
          if (!state.isConnected) throw new Error('the producer is disconnected');
          return {
            send: async () => undefined,
            sendOffsets: async () => undefined,
            commit: async () => undefined,
            abort: async () => undefined,
          };
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, producers };
}

describe('a partition committer', () => {
  it('closed while its producer is still connecting, disconnects that producer once it has connected', async () => {
    const { kafka, producers } = kafkaWithSlowConnect();
    const committer = new PartitionCommitter(kafka, 'g.t.0', target);
    const committing = committer.commit([], '1');
    const closing = committer.close();
    producers[0]?.finishConnecting();
    await closing;
    await committing.catch(() => undefined); // in flight at the close: it may finish or fail, either is redelivery-safe

    expect(producers.map((producer) => producer.isConnected)).toEqual([false]);
  });

  it('closed, refuses a later commit without starting a new producer', async () => {
    const { kafka, producers } = kafkaWithSlowConnect();
    const committer = new PartitionCommitter(kafka, 'g.t.0', target);
    await committer.close();

    await expect(committer.commit([], '1')).rejects.toBeInstanceOf(CommitterClosed);
    expect(producers).toHaveLength(0);
  });
});
