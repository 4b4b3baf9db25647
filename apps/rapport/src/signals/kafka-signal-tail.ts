import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/** Header of every signal message: the global position of the stored event it came from. */
export const POSITION_HEADER = 'rapport-source-position';

const TAIL_READ_TIMEOUT_MS = 60_000;

interface Window {
  readonly partition: number;
  /** The partition's first offset. */
  readonly low: number;
  /** Read from here (inclusive)... */
  readonly start: number;
  /** ...to here (exclusive). */
  readonly end: number;
}

/**
 * The source position of the last committed signal on the topic: the greatest position among the
 * last committed message of each partition, since transactions commit in position order. Reads
 * each partition's last `tail` offsets read_committed; a partition whose tail holds only aborted
 * messages and markers (after crashes) is read further back, four times as far each round.
 * Call it after fencing the producer, so that no transaction is open while it reads.
 */
export async function lastPublishedPosition(kafka: Kafka, topic: string, tail: number): Promise<number> {
  let windows = await lastWindows(kafka, topic, tail);
  let position = 0;
  while (windows.length > 0) {
    const found = await readWindows(kafka, topic, windows);
    const further: Window[] = [];
    for (const window of windows) {
      const last = found.get(window.partition);
      if (last !== undefined) position = Math.max(position, last);
      else if (window.start > window.low) further.push(widened(window));
    }
    windows = further;
  }
  return position;
}

async function lastWindows(kafka: Kafka, topic: string, tail: number): Promise<Window[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets
      .map(({ partition, low, high }) => ({
        partition,
        low: Number(low),
        start: Math.max(Number(low), Number(high) - tail),
        end: Number(high),
      }))
      .filter((window) => window.end > window.start);
  } finally {
    await admin.disconnect();
  }
}

function widened({ partition, low, start, end }: Window): Window {
  return { partition, low, start: Math.max(low, start - 4 * (end - start)), end: start };
}

/** The greatest position among the committed messages of each window, by partition (absent: none committed there). */
async function readWindows(kafka: Kafka, topic: string, windows: readonly Window[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  const pending = new Map(windows.map((window) => [window.partition, window]));
  // A group of its own that never commits: kafkajs reads only through a group, and this read must not move anyone's offsets.
  const consumer = kafka.consumer({ groupId: `rapport-signal-tail-${randomUUID()}`, readUncommitted: false });
  let finish: () => void = () => undefined;
  const isDone = new Promise<void>((resolve) => (finish = resolve));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const window = pending.get(payload.partition);
    if (window && Number(payload.lastOffset) >= window.end - 1) pending.delete(payload.partition);
    if (pending.size === 0) finish();
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const window = pending.get(batch.partition);
        for (const message of batch.messages) {
          if (!window || Number(message.offset) >= window.end) continue;
          const position = Number(message.headers?.[POSITION_HEADER]?.toString());
          if (Number.isSafeInteger(position)) found.set(batch.partition, Math.max(found.get(batch.partition) ?? 0, position));
        }
      },
    });
    for (const window of windows) consumer.seek({ topic, partition: window.partition, offset: String(window.start) });
    await withTimeout(isDone, TAIL_READ_TIMEOUT_MS, `reading the tail of ${topic}`);
    return found;
  } finally {
    await consumer.disconnect();
  }
}

async function withTimeout(promise: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
