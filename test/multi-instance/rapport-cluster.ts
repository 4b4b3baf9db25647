import { randomBytes } from 'node:crypto';
import { CUSTOMER_UPCASTERS } from '@rapport/customer-domain';
import { EsdbEventStore, Upcasters, UpcastingEventStore, type EventStore, type RecordedEvent } from '@rapport/event-store';
import { MongoClient } from 'mongodb';
import { uniqueTopics, type TestTopics } from '../../libs/ingestion/contract/kafka-test-kit';
import { startEsdbEmulator, type EsdbEmulator } from '../support/esdb-emulator';
import { removeDir, tempDataDir } from '../support/http-app.harness';
import { kafkaConsumerEnv } from '../support/kafka-service-env';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

// Three processes starting beside Kafka, FerretDB and the traffic on two cores take longer than one alone.
const START_TIMEOUT_MS = 120_000;

/** The servers every instance shares: the ones `npm test` starts (test/support/test-servers). */
export interface SharedServers {
  /** Unset: the instances take commands by HTTP only. */
  readonly kafkaBrokers?: string;
  readonly mongoUrl: string;
}

/**
 * Several Rapport processes on the production adapters, sharing one event store (the EventStoreDB
 * emulator, served over gRPC from this process), one Kafka consumer group and one MongoDB database.
 * Each instance keeps its own DATA_DIR (anchors, keys file); data keys live in MongoDB under one master key.
 */
export class RapportCluster {
  private readonly instances: (ServiceProcess | undefined)[];

  private constructor(
    readonly emulator: EsdbEmulator,
    readonly topics: TestTopics,
    readonly readModelsUrl: string,
    private readonly servers: SharedServers,
    private readonly databases: readonly string[],
    private readonly env: Record<string, string>,
    private readonly dataDirs: readonly string[],
  ) {
    this.instances = dataDirs.map(() => undefined);
  }

  static async start(servers: SharedServers, size: number, label: string, extraEnv: Record<string, string> = {}): Promise<RapportCluster> {
    const emulator = await startEsdbEmulator({ batchAppend: true });
    const topics = uniqueTopics(label);
    const database = `rapport_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    const base = servers.mongoUrl.replace(/\/?$/, '/');
    const readModelsUrl = `${base}${database}`;
    const env = {
      EVENTSTORE_CONNECTION_STRING: emulator.connectionString,
      MONGO_URL: readModelsUrl,
      RAPPORT_KEY_STORE_URL: `${base}${database}_keys`,
      RAPPORT_MASTER_KEY: randomBytes(32).toString('base64'),
      RAPPORT_ANCHOR_INTERVAL_SECONDS: '0',
      ...(servers.kafkaBrokers ? kafkaConsumerEnv(servers.kafkaBrokers, topics, 6) : {}),
      ...extraEnv,
    };
    const dataDirs = Array.from({ length: size }, (_, index) => tempDataDir(`${label}-${index}`));
    const cluster = new RapportCluster(emulator, topics, readModelsUrl, servers, [database, `${database}_keys`], env, dataDirs);
    try {
      // One after another: the first creates the topics and the collections the others then find.
      for (let index = 0; index < size; index++) await cluster.startInstance(index);
    } catch (error: unknown) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Starts instance `index` (again, after a kill or a stop) on its own DATA_DIR; resolves once /health answers. */
  async startInstance(index: number): Promise<ServiceProcess> {
    const previous = this.instances[index];
    if (previous && isRunning(previous)) throw new Error(`instance ${index} is still running`);
    const instance = await startServiceProcess({ ...this.env, DATA_DIR: this.dataDir(index) }, START_TIMEOUT_MS);
    this.instances[index] = instance;
    return instance;
  }

  instance(index: number): ServiceProcess {
    const instance = this.instances[index];
    if (!instance) throw new Error(`instance ${index} was never started`);
    return instance;
  }

  /** The instances that are running now, by index. */
  running(): ServiceProcess[] {
    return this.instances.filter((instance): instance is ServiceProcess => instance !== undefined && isRunning(instance));
  }

  /** The event store the instances share, read the way they read it (upcast). */
  openEventStore(): UpcastingEventStore {
    return new UpcastingEventStore(EsdbEventStore.fromConnectionString(this.emulator.connectionString), new Upcasters(CUSTOMER_UPCASTERS));
  }

  /** Every event in the shared store, in global order. */
  async storedEvents(): Promise<RecordedEvent[]> {
    const store = this.openEventStore();
    try {
      return await readEverything(store);
    } finally {
      await store.close();
    }
  }

  /** Every instance's output, for a failure message. */
  outputs(tail = 3_000): string {
    return this.instances
      .map((instance, index) => `--- instance ${index}\n${instance?.output().slice(-tail) ?? '(not started)'}`)
      .join('\n');
  }

  /** Stops every running instance gracefully, then the emulator; drops the databases and removes the data dirs. */
  async stop(): Promise<void> {
    await Promise.all(this.running().map((instance) => instance.kill('SIGTERM')));
    await this.emulator.stop();
    const client = await MongoClient.connect(this.servers.mongoUrl);
    try {
      for (const database of this.databases) await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
    for (const dir of this.dataDirs) removeDir(dir);
  }

  private dataDir(index: number): string {
    const dir = this.dataDirs[index];
    if (dir === undefined) throw new Error(`the cluster has no instance ${index}`);
    return dir;
  }
}

/** Neither exited nor sent a signal: a process being stopped no longer counts, so no request is sent its way. */
function isRunning(instance: ServiceProcess): boolean {
  return instance.child.exitCode === null && instance.child.signalCode === null && !instance.child.killed;
}

async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 5_000 });
    const last = page.at(-1);
    if (!last) return events;
    events.push(...page);
    after = last.position;
  }
}
