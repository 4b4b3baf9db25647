import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTOMER_UPCASTERS } from '@rapport/customer-domain';
import { EsdbEventStore, SqliteEventStore, Upcasters, UpcastingEventStore, type EventStore } from '@rapport/event-store';
import { Logger } from '@nestjs/common';
import { loadMasterKey, MongoKeyStore, SqliteKeyStore, type KeyStore } from '@rapport/privacy';
import { EmbeddedReadModelStore, MongoReadModelStore, type ReadModelAdmin, type ReadModelStore } from '@rapport/read-models';
import type { AppConfig } from '../config';

/** The only place that picks an adapter for each port from config (style.md §2). */
export async function openEventStore(config: AppConfig): Promise<UpcastingEventStore> {
  return new UpcastingEventStore(await openStoredEvents(config), new Upcasters(CUSTOMER_UPCASTERS));
}

async function openStoredEvents(config: AppConfig): Promise<EventStore> {
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
export async function openReadModelStore(config: AppConfig): Promise<ReadModelStore & ReadModelAdmin> {
  if (config.mongoUrl) return MongoReadModelStore.connect(config.mongoUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return EmbeddedReadModelStore.open(join(config.dataDir, 'read-models.sqlite'));
}
