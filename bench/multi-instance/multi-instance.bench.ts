import { Kafka, logLevel } from 'kafkajs';
import { produce, waitUntilConsumed } from '../../libs/ingestion/contract/kafka-test-kit';
import { mixedTraffic } from '../../libs/ingestion/contract/mixed-traffic';
import { caughtUp, waitForHandled } from '../../test/support/service-facts';
import { RapportCluster } from '../../test/multi-instance/rapport-cluster';

const INSTANCE_COUNTS = [1, 2, 3] as const;
const WARM_UP_MESSAGES = 1_200;
const PROJECTED_TIMEOUT_MS = 180_000;

/**
 * Ingestion rate with one, two and three Rapport processes in one consumer group, on the services
 * stack: the EventStoreDB emulator (served over gRPC from this process), FerretDB read models, Kafka
 * with 6 partitions. Each count gets a fresh cluster; a warm-up is consumed first and every instance
 * must have handled some of it (so each holds partitions) before the clock starts. The clock starts
 * before the first measured message is produced: appended = every offset committed, projected =
 * every projection and the saga feed at the store's head. One run per count.
 * Needs the built service (`npm run build`).
 * Usage: KAFKA_BROKERS=127.0.0.1:9092 MONGO_URL=mongodb://127.0.0.1:27017/ npm run bench:multi-instance -- [messages]
 */
async function main(): Promise<void> {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongoUrl = process.env.MONGO_URL;
  if (!kafkaBrokers || !mongoUrl)
    throw new Error('set KAFKA_BROKERS and MONGO_URL (scripts/kafka.sh and scripts/ferretdb.sh start print them)');
  const messages = Number(process.argv[2] ?? (process.env.BENCH_QUICK === '1' ? 4_000 : 20_000));
  const kafka = new Kafka({ clientId: 'rapport-bench', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING });

  const rows: { path: string; perSecond: number; seconds: number }[] = [];
  const notProjected: string[] = [];
  for (const instances of INSTANCE_COUNTS) {
    process.stderr.write(`multi-instance: ${instances} instance(s), ${messages} messages\n`);
    const { appended, projected } = await measure(kafka, { kafkaBrokers, mongoUrl }, instances, messages);
    if (typeof projected === 'string') notProjected.push(`${instances}: ${projected}`);
    process.stderr.write(
      `multi-instance: ${instances} appended in ${appended.toFixed(2)} s, projected: ${typeof projected === 'number' ? `${projected.toFixed(2)} s` : projected}\n`,
    );
    for (const [what, seconds] of [
      ['appended', appended],
      ['projected', projected],
    ] as const)
      if (typeof seconds === 'number')
        rows.push({
          path: `${instances} instance${instances > 1 ? 's' : ''}: produce → ${what}`,
          perSecond: Math.round(messages / seconds),
          seconds,
        });
  }
  for (const row of rows)
    process.stdout.write(
      `${row.path.padEnd(36)} ${String(row.perSecond).padStart(7)} msg/s  (${messages} in ${row.seconds.toFixed(2)} s)\n`,
    );
  const perSecond = (path: string) => rows.find((row) => row.path === path)?.perSecond ?? 0;
  const scaling = {
    twoOverOne: perSecond('2 instances: produce → appended') / perSecond('1 instance: produce → appended'),
    threeOverOne: perSecond('3 instances: produce → appended') / perSecond('1 instance: produce → appended'),
  };
  process.stdout.write(
    `appended rate over one instance: two ${scaling.twoOverOne.toFixed(2)}×, three ${scaling.threeOverOne.toFixed(2)}×\n`,
  );
  for (const why of notProjected) process.stdout.write(`not projected with ${why}\n`);
  process.stdout.write(
    `${JSON.stringify({ messages, partitions: 6, rows, notProjected, twoOverOneRatio: scaling.twoOverOne, threeOverOneRatio: scaling.threeOverOne })}\n`,
  );
}

async function measure(
  kafka: Kafka,
  servers: { kafkaBrokers: string; mongoUrl: string },
  instances: number,
  messages: number,
): Promise<{ appended: number; projected: number | string }> {
  const cluster = await RapportCluster.start(servers, instances, `bench-mi-${instances}`);
  try {
    const runId = `bench${instances}x${Date.now().toString(36)}`;
    await produce(kafka, cluster.topics.topic, mixedTraffic({ messages: WARM_UP_MESSAGES, seed: 7, runId: `${runId}w` }));
    await waitUntilConsumed(kafka, cluster.topics, 600_000);
    for (const instance of cluster.running()) await waitForHandled(instance, 1, 60_000);
    const store = cluster.openEventStore();
    const warmUpEnd = await store.headPosition().finally(() => store.close());

    const started = process.hrtime.bigint();
    await produce(kafka, cluster.topics.topic, mixedTraffic({ messages, seed: 1234, runId }));
    await waitUntilConsumed(kafka, cluster.topics, 1_800_000);
    const appended = Number(process.hrtime.bigint() - started) / 1e9;
    const [first] = cluster.running();
    if (!first) throw new Error('no instance is running');
    // A read side that does not reach the head is a finding to print, not a reason to lose the appended figure.
    const head = await caughtUp(first, PROJECTED_TIMEOUT_MS).catch((error: unknown) =>
      error instanceof Error ? error.message : String(error),
    );
    if (typeof head === 'string') return { appended, projected: head };
    if (head <= warmUpEnd) throw new Error('the read side never moved past the warm-up');
    return { appended, projected: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
