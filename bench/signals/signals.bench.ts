import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { signalsFor } from '../../apps/rapport/src/signals/customer-signals';
import { KafkaSignalLog } from '../../apps/rapport/src/signals/kafka.signal-log';
import type { PositionedSignal } from '../../apps/rapport/src/signals/signal-log';
import { SignalPublisher } from '../../apps/rapport/src/signals/signal-publisher';
import { SIGNALS_PER_APPEND } from '../../apps/rapport/src/signals/signals.lifecycle';
import { SqliteEventStore, type EventStore, type EventToAppend } from '../../libs/event-store/src';
import { median } from '../src/support/stats';

const PARTITIONS = 6;

/**
 * The outbound signal publisher's rate, signals per second from appended (in the SQLite store) to
 * on the topic (seen by a read_committed consumer), in three runs each after a warm-up:
 * - backlog: the events are stored first, then the publisher starts and works through them;
 * - live: the publisher runs, and the events are appended as fast as the store takes them;
 *   beside it, the lag from the last append to its signal on the topic;
 * - the signal log alone (the ceiling): the same signals, already mapped, appended in
 *   transactions of the same size without reading the store.
 * Every customer is acquired then churned: one signal per two stored events.
 * Usage: KAFKA_BROKERS=127.0.0.1:9092 npm run bench:signals -- [signals]
 */
async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('set KAFKA_BROKERS (scripts/kafka.sh start prints it)');
  const isQuick = process.env.BENCH_QUICK === '1';
  const signals = Number(process.argv[2] ?? (isQuick ? 4_000 : 20_000));
  const runs = isQuick ? 1 : 3;
  const kafka = new Kafka({ clientId: 'rapport-bench-signals', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

  process.stderr.write('signals: warm-up\n');
  await measureOnce(kafka, Math.min(signals, 2_000));
  const measured: Measured[] = [];
  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`signals: run ${run} of ${runs}\n`);
    measured.push(await measureOnce(kafka, signals));
  }
  const seconds = (pick: (m: Measured) => number) => median(measured.map(pick));
  const rows = [
    { path: 'signal log alone (ceiling)', seconds: seconds((m) => m.logAlone) },
    { path: 'publisher: stored backlog → on the topic', seconds: seconds((m) => m.backlog) },
    { path: 'publisher: live appends → on the topic', seconds: seconds((m) => m.live) },
  ].map((row) => ({ ...row, perSecond: Math.round(signals / row.seconds) }));
  const lastSignalLagMs = Math.round(seconds((m) => m.lastSignalLagMs));
  process.stdout.write(`median of ${runs} runs after a warm-up (${signals} signals, ${2 * signals} stored events):\n`);
  for (const row of rows)
    process.stdout.write(`${row.path.padEnd(44)} ${String(row.perSecond).padStart(8)} signals/s  (${row.seconds.toFixed(2)} s)\n`);
  process.stdout.write(`live: last append → its signal on the topic ${lastSignalLagMs} ms\n`);
  process.stdout.write(
    `${JSON.stringify({ signals, partitions: PARTITIONS, perAppend: SIGNALS_PER_APPEND, runs: measured, rows, lastSignalLagMs })}\n`,
  );
}

interface Measured {
  readonly logAlone: number;
  readonly backlog: number;
  readonly live: number;
  readonly lastSignalLagMs: number;
}

async function measureOnce(kafka: Kafka, signals: number): Promise<Measured> {
  const logAlone = await withFreshSetup(kafka, async ({ store, log, topic }) => {
    await storeChurns(store, signals);
    const mapped = await mappedSignals(store);
    const seen = await countOnTopic(kafka, topic, signals);
    const started = performance.now();
    await log.open();
    for (let start = 0; start < mapped.length; start += SIGNALS_PER_APPEND)
      await log.append(mapped.slice(start, start + SIGNALS_PER_APPEND));
    return (await seen.all) - started;
  });
  const backlog = await withFreshSetup(kafka, async ({ store, publisher, topic }) => {
    await storeChurns(store, signals);
    const seen = await countOnTopic(kafka, topic, signals);
    const started = performance.now();
    publisher.start();
    return (await seen.all) - started;
  });
  let lastSignalLagMs = 0;
  const live = await withFreshSetup(kafka, async ({ store, publisher, topic }) => {
    const seen = await countOnTopic(kafka, topic, signals + 1);
    publisher.start();
    // One signal first: the publisher is running and idle when the clock starts.
    await storeChurns(store, 1, 'ready');
    await seen.first;
    const started = performance.now();
    await storeChurns(store, signals);
    const appended = performance.now();
    const done = await seen.all;
    lastSignalLagMs = done - appended;
    return done - started;
  });
  return { logAlone: logAlone / 1000, backlog: backlog / 1000, live: live / 1000, lastSignalLagMs };
}

interface Setup {
  readonly store: EventStore;
  readonly log: KafkaSignalLog;
  readonly publisher: SignalPublisher;
  readonly topic: string;
}

async function withFreshSetup(kafka: Kafka, measure: (setup: Setup) => Promise<number>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-signals-'));
  const topic = `rapport.bench.signals.${randomUUID()}`;
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { synchronous: 'NORMAL' });
  const log = new KafkaSignalLog(kafka, {
    topic,
    partitions: PARTITIONS,
    transactionalId: `${topic}.publisher`,
    maxSignalsPerAppend: SIGNALS_PER_APPEND,
  });
  const publisher = new SignalPublisher(store, log, {
    batchSize: SIGNALS_PER_APPEND,
    idleMs: 1_000,
    retryBaseMs: 500,
    onFailure: (error) => process.stderr.write(`signals: publisher failed: ${String(error)}\n`),
    onHalt: (reason) => process.stderr.write(`signals: publisher halted: ${reason}\n`),
  });
  try {
    return await measure({ store, log, publisher, topic });
  } finally {
    await publisher.stop();
    await log.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storeChurns(store: EventStore, customers: number, prefix = 'b'): Promise<void> {
  for (let n = 0; n < customers; n++) {
    const id = `${prefix}${n}`;
    await store.appendToStream(`customer-${id}`, [event('CustomerAcquired', id, 0), event('CustomerChurned', id, 1)], 'no-stream');
  }
}

async function mappedSignals(store: EventStore): Promise<PositionedSignal[]> {
  const events = await store.readAll({ afterPosition: 0, maxCount: Number.MAX_SAFE_INTEGER });
  return events.flatMap((record) => signalsFor(record).map((signal) => ({ position: record.position, signal })));
}

function event(type: string, customerId: string, revision: number): EventToAppend {
  const occurredAt = '2026-03-01T09:00:00.000Z';
  return {
    id: randomUUID(),
    type,
    data:
      type === 'CustomerAcquired'
        ? {
            customerId,
            occurredAt,
            customerType: 'individual',
            channel: 'branch',
            assets: { amount: '1000.00', currency: 'CNY' },
            riskProfile: 'C2',
          }
        : { customerId, occurredAt, reason: 'sealed:v1:bench' },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: 'bench',
      channel: 'bench',
      occurredAt,
      recordedAt: occurredAt,
      schemaVersion: 1,
      previousHash: revision === 0 ? null : 'bench',
      hash: 'bench',
    },
  };
}

/**
 * A read_committed consumer on the topic, joined before it resolves: `first` when one signal is
 * on the topic, `all` (the performance.now() then) when `count` are.
 */
async function countOnTopic(kafka: Kafka, topic: string, count: number): Promise<{ first: Promise<number>; all: Promise<number> }> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${topic}.reader`, readUncommitted: false, maxWaitTimeInMs: 50 });
  let seen = 0;
  let onFirst: (at: number) => void = () => undefined;
  let onAll: (at: number) => void = () => undefined;
  const first = new Promise<number>((resolve) => (onFirst = resolve));
  const all = new Promise<number>((resolve) => (onAll = resolve));
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      seen += batch.messages.length;
      if (seen >= 1) onFirst(performance.now());
      if (seen >= count) onAll(performance.now());
    },
  });
  await joined;
  void all.then(() => consumer.disconnect());
  return { first, all };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
