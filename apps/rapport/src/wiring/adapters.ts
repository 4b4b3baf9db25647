import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTOMER_UPCASTERS } from '@rapport/customer-domain';
import { EsdbEventStore, SqliteEventStore, Upcasters, UpcastingEventStore, type EventStore } from '@rapport/event-store';
import { Logger } from '@nestjs/common';
import { loadMasterKey, MongoKeyStore, SqliteKeyStore, type KeyStore } from '@rapport/privacy';
import { EmbeddedReadModelStore, MongoReadModelStore, type ReadModelAdmin, type ReadModelStore } from '@rapport/read-models';
import { kafkaLogCreator } from '@rapport/ingestion';
import { Kafka } from 'kafkajs';
import type { AppConfig } from '../config';
import { crashingAfterSignals } from '../signals/crash-hook';
import { KafkaSignalLog } from '../signals/kafka.signal-log';
import type { SignalLog } from '../signals/signal-log';

/** What opening the event store and the read-model store needs of the config (all a projector worker thread is handed). */
export type StoreConfig = Pick<AppConfig, 'dataDir' | 'eventStoreConnectionString' | 'sqliteSynchronous' | 'mongoUrl'>;

/** The only place that picks an adapter for each port from config (style.md §2). */
export async function openEventStore(config: StoreConfig): Promise<UpcastingEventStore> {
  return new UpcastingEventStore(await openStoredEvents(config), new Upcasters(CUSTOMER_UPCASTERS));
}

async function openStoredEvents(config: StoreConfig): Promise<EventStore> {
  if (config.eventStoreConnectionString) {
    const logger = new Logger('eventstoredb');
    return EsdbEventStore.fromConnectionString(config.eventStoreConnectionString, {
      onSubscriptionDropped: (reason, attempt) =>
        logger.warn(`subscription dropped (${String(reason)}); resubscribing, attempt ${attempt}`),
    });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'), { synchronous: config.sqliteSynchronous });
}

/**
 * MongoDB when RAPPORT_KEY_STORE_URL is set (instances share it, so they must share the master key
 * too: a key file made under one instance's DATA_DIR would not do), else keys.sqlite under DATA_DIR.
 */
export async function openKeyStore(config: AppConfig): Promise<KeyStore> {
  if (config.keyStoreUrl) {
    if (!config.masterKey)
      throw new Error('RAPPORT_KEY_STORE_URL needs RAPPORT_MASTER_KEY: every instance must wrap keys with the same master key');
    return MongoKeyStore.connect(config.keyStoreUrl, loadMasterKey(config.masterKey, join(config.dataDir, 'master.key')));
  }
  mkdirSync(config.dataDir, { recursive: true });
  const masterKey = loadMasterKey(config.masterKey, join(config.dataDir, 'master.key'));
  return new SqliteKeyStore(join(config.dataDir, 'keys.sqlite'), masterKey);
}

/** MongoDB when MONGO_URL is set, else the embedded store (a SQLite file under DATA_DIR). */
export async function openReadModelStore(config: StoreConfig): Promise<ReadModelStore & ReadModelAdmin> {
  if (config.mongoUrl) return MongoReadModelStore.connect(config.mongoUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return EmbeddedReadModelStore.open(join(config.dataDir, 'read-models.sqlite'));
}

/** The outbound signals' Kafka topic when KAFKA_BROKERS is set; else none, and GET /v1/signals alone serves them. */
export function openSignalLog(config: AppConfig, maxSignalsPerAppend: number): SignalLog | null {
  const kafka = config.kafka;
  if (!kafka?.signalsTopic) return null;
  const logger = new Logger('signals');
  const client = new Kafka({
    clientId: 'rapport-signals',
    brokers: [...kafka.brokers],
    logCreator: kafkaLogCreator({
      log: (msg, fields) => logger.log({ msg, ...fields }),
      warn: (msg, fields) => logger.warn({ msg, ...fields }),
      error: (msg, fields) => logger.error({ msg, ...fields }),
    }),
    connectionTimeout: 3_000,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  const crashAfter = kafka.crashAfterSignals;
  return new KafkaSignalLog(client, {
    topic: kafka.signalsTopic,
    partitions: kafka.topicPartitions,
    transactionalId: `rapport-signals.${kafka.signalsTopic}`,
    maxSignalsPerAppend,
    ...(crashAfter === undefined ? {} : { beforeCommit: crashingAfterSignals(crashAfter) }),
  });
}
