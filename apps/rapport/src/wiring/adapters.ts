import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@rapport/event-store';
import { Logger } from '@nestjs/common';
import { loadMasterKey, SqliteKeyStore, type KeyStore } from '@rapport/privacy';
import { EmbeddedReadModelStore, MongoReadModelStore, type ReadModelAdmin, type ReadModelStore } from '@rapport/read-models';
import type { AppConfig } from '../config';

/** The only place that picks an adapter for each port from config (style.md §2). */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStoreConnectionString) {
    const logger = new Logger('eventstoredb');
    return EsdbEventStore.fromConnectionString(config.eventStoreConnectionString, {
      onSubscriptionDropped: (reason, attempt) => logger.warn(`subscription dropped (${String(reason)}); resubscribing, attempt ${attempt}`),
    });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'), { synchronous: config.sqliteSynchronous });
}

export function openKeyStore(config: AppConfig): KeyStore {
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
