import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@rapport/event-store';
import { CUSTOMER_STREAM_PREFIX } from '@rapport/kernel';
import type { Kafka } from 'kafkajs';
import { signalsFor, type CustomerSignal } from '../../apps/rapport/src/signals/customer-signals';
import { SIGNALS_CRASH_HOOK_LINE } from '../../apps/rapport/src/signals/crash-hook';
import { testKafka, uniqueTopics } from '../../libs/ingestion/contract/kafka-test-kit';
import { describeWithServer } from '../support/integration-server';
import { removeDir, tempDataDir } from '../support/http-app.harness';
import { kafkaServiceEnv, signalsTopicOf } from '../support/kafka-service-env';
import { caughtUp } from '../support/service-facts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { readSignalsTopic, type SignalMessage } from '../support/signals-topic';

jest.setTimeout(300_000);

const CUSTOMERS = 600;
/** Every third customer answers 5, 4, 2: the retention saga raises an alert. */
const hasFallingAnswers = (n: number) => n % 3 === 0;
const day = (d: number) => `2026-03-${String(1 + d).padStart(2, '0')}T09:00:00Z`;

/** One customer's life before churn: acquired, activated, maybe three falling answers. */
function customerCommands(id: string, n: number): [string, object][] {
  const commands: [string, object][] = [
    [
      '/v1/customers',
      {
        customerId: id,
        customerType: 'individual',
        channel: 'branch',
        assets: { amount: '1000.00', currency: 'CNY' },
        riskProfile: 'C2',
        occurredAt: day(0),
      },
    ],
    [`/v1/customers/${id}/activation`, { product: 'savings', occurredAt: day(1) }],
  ];
  if (hasFallingAnswers(n))
    [5, 4, 2].forEach((csat, s) =>
      commands.push([
        `/v1/customers/${id}/surveys`,
        { surveyId: `${id}-s${s}`, csat, touchpoint: 'service', channel: 'app', occurredAt: day(2 + s) },
      ]),
    );
  return commands;
}

/**
 * Drives the customers' lives, then churns them once the saga raised every alert it will (an
 * alert is raised only while the falling answer is the customer's latest event).
 */
async function drive(service: ServiceProcess, ids: readonly string[]): Promise<void> {
  await send(
    service,
    ids.map((id, n) => customerCommands(id, n)),
  );
  await caughtUp(service);
  await send(
    service,
    ids.map((id) => [[`/v1/customers/${id}/churn`, { reason: 'moved to a competitor', occurredAt: day(6) }]]),
  );
}

async function send(service: ServiceProcess, perCustomer: [string, object][][]): Promise<void> {
  const queue = [...perCustomer];
  const worker = async () => {
    for (let commands = queue.shift(); commands; commands = queue.shift())
      for (const [path, body] of commands) {
        const response = await fetch(`${service.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** What the topic must hold: the signals of every stored event, by the same mapping the publisher uses. */
async function signalsOfStore(dataDir: string) {
  const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  try {
    const events = await store.readAll({ afterPosition: 0, maxCount: 1_000_000, streamPrefix: CUSTOMER_STREAM_PREFIX });
    return events.flatMap((event) => signalsFor(event).map((signal) => ({ position: event.position, signal })));
  } finally {
    await store.close();
  }
}

describeWithServer('KAFKA_BROKERS', 'Kafka', 'Outbound signals from a service process', (brokers) => {
  const kafka: Kafka = testKafka(brokers);
  let dataDir: string;
  let service: ServiceProcess | undefined;

  beforeEach(() => {
    dataDir = tempDataDir('signals');
  });
  afterEach(async () => {
    if (service?.child.exitCode === null) await service.kill('SIGKILL');
    service = undefined;
    removeDir(dataDir);
  });

  it('each expected signal is on the topic exactly once, also after the publisher process is SIGKILLed mid-stream', async () => {
    const topics = uniqueTopics('signals');
    const signalsTopic = signalsTopicOf(topics);
    const run = randomUUID().slice(0, 8);
    const stored = Array.from({ length: CUSTOMERS }, (_, n) => `S${run}-${n}`);
    const live = Array.from({ length: 30 }, (_, n) => `L${run}-${n}`);
    const env = kafkaServiceEnv(brokers, topics, dataDir, 3);

    // Given a store with history, written without Kafka.
    service = await startServiceProcess({ DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' });
    await drive(service, stored);
    await caughtUp(service);
    await service.kill('SIGTERM');

    // When the publisher dies by SIGKILL inside a transaction (its signals sent, not committed)...
    service = await startServiceProcess({ ...env, RAPPORT_TEST_CRASH_AFTER_SIGNALS: '300' });
    expect((await service.exited()).signal).toBe('SIGKILL');
    expect(service.output()).toContain(SIGNALS_CRASH_HOOK_LINE);
    const expectedBeforeRestart = await signalsOfStore(dataDir);
    expect(expectedBeforeRestart).toHaveLength(CUSTOMERS + stored.filter((_, n) => hasFallingAnswers(n)).length);

    // ...and a new process takes over while new events arrive.
    service = await startServiceProcess(env);
    await drive(service, live);
    const expected = await signalsOfStore(dataDir);
    expect(expected).toHaveLength(expectedBeforeRestart.length + live.length + live.filter((_, n) => hasFallingAnswers(n)).length);
    await waitForSignal(kafka, signalsTopic, expected.at(-1)?.signal.id ?? '');
    await service.kill('SIGTERM');

    // Then the topic holds each expected signal once, keyed by its customer, stamped with its source position.
    const committed = await readSignalsTopic(kafka, signalsTopic);
    expect(committed.map(asPublished).sort(byId)).toEqual(
      expected.map(({ position, signal }) => ({ key: signal.subject, position, signal })).sort(byId),
    );
    expect(partitionsPerCustomer(committed).every((count) => count === 1)).toBe(true);

    // A reader that also sees what the killed process sent but never committed gets some signals twice, with the same id.
    const everything = await readSignalsTopic(kafka, signalsTopic, 'uncommitted');
    expect(everything.length).toBeGreaterThan(committed.length);
    expect(dedupedById(everything)).toEqual(dedupedById(committed));
    // The killed process had committed signals before the one it died in; the new process resumed after them, not from the start.
    const resent = everything.filter(({ signal }, index) => everything.findIndex((m) => m.signal.id === signal.id) !== index);
    const firstResent = Math.min(...resent.map((m) => m.position));
    expect(committed.filter((m) => m.position < firstResent).length).toBeGreaterThan(0);
  });

  it('a consumer that reads the topic twice (a reset, a replay) dedupes by id to exactly the expected signals', async () => {
    const topics = uniqueTopics('signals-twice');
    const signalsTopic = signalsTopicOf(topics);
    const run = randomUUID().slice(0, 8);
    service = await startServiceProcess(kafkaServiceEnv(brokers, topics, dataDir, 3));
    await drive(
      service,
      Array.from({ length: 9 }, (_, n) => `T${run}-${n}`),
    );
    await caughtUp(service);
    const expected = await signalsOfStore(dataDir);
    expect(expected).toHaveLength(9 + 3);
    await waitForSignal(kafka, signalsTopic, expected.at(-1)?.signal.id ?? '');
    // The publisher's own account, once it reports the last signal's position published: every signal, once.
    const metrics = await metricsOnceAt(service, expected.at(-1)?.position ?? 0);
    expect(metricValue(metrics, 'rapport_signals_published_total')).toBe(expected.length);
    // With Kafka configured the HTTP route still answers, with the very signals on the topic.
    const page = (await (await fetch(`${service.url}/v1/signals?limit=500`)).json()) as { signals: unknown[] };
    expect(page.signals).toEqual(expected);
    await service.kill('SIGTERM');

    const twice = [...(await readSignalsTopic(kafka, signalsTopic)), ...(await readSignalsTopic(kafka, signalsTopic))];
    expect(twice).toHaveLength(2 * expected.length);
    expect(dedupedById(twice)).toEqual(expected.map(({ signal }) => signal).sort((a, b) => a.id.localeCompare(b.id)));
  });
});

/** /metrics once `rapport_signals_position` has reached `position` (the publisher reports it after each commit). */
async function metricsOnceAt(service: ServiceProcess, position: number): Promise<string> {
  for (;;) {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    if ((metricValue(text, 'rapport_signals_position') ?? -1) >= position) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function metricValue(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

const asPublished = ({ key, position, signal }: SignalMessage) => ({ key, position, signal });
const byId = (a: { signal: { id: string } }, b: { signal: { id: string } }) => a.signal.id.localeCompare(b.signal.id);

/** What a consumer keeps when it dedupes on the CloudEvent id: the first copy of each. */
function dedupedById(messages: readonly SignalMessage[]) {
  const seen = new Map<string, CustomerSignal>();
  for (const { signal } of messages) if (!seen.has(signal.id)) seen.set(signal.id, signal);
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function partitionsPerCustomer(messages: readonly SignalMessage[]): number[] {
  const partitions = new Map<string, Set<number>>();
  for (const { key, partition } of messages) partitions.set(key, (partitions.get(key) ?? new Set()).add(partition));
  return [...partitions.values()].map((set) => set.size);
}

/** Resolves when a read_committed consumer sees the signal with this id: published signals are committed in position order. */
async function waitForSignal(kafka: Kafka, topic: string, id: string): Promise<void> {
  const consumer = kafka.consumer({ groupId: `rapport-test-signal-wait-${randomUUID()}`, readUncommitted: false });
  let seen: () => void = () => undefined;
  const isSeen = new Promise<void>((resolve) => (seen = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if ((JSON.parse(message.value?.toString() ?? '{}') as { id?: string }).id === id) seen();
      },
    });
    await isSeen;
  } finally {
    await consumer.disconnect();
  }
}
