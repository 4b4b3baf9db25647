import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@rapport/event-store';
import { systemClock, type Clock } from '@rapport/kernel';
import type { KeyStore } from '@rapport/privacy';
import { KafkaIngestion, type IngestionSource } from '@rapport/ingestion';
import type { ReadModelAdmin } from '@rapport/read-models';
import { AnchorsService } from '../audit/anchors/anchors.service';
import { AuditService } from '../audit/audit.service';
import { PersonalDataReader } from '../audit/personal-data-reader';
import { AppendNotices } from '../commands/append-notices';
import { CommandsInFlight } from '../commands/commands-in-flight';
import { ExecuteCustomerCommandHandler } from '../commands/execute-customer-command';
import { ToCommand } from '../commands/to-command';
import { Metrics } from '../operations/metrics';
import { OwnedWork } from '../ownership/owned-work';
import { OriginalSealer } from '../privacy/sealed-original';
import type { AppConfig } from '../config';
import { openEventStore, openKeyStore, openReadModelStore } from './adapters';
import { createCustomerProcessor } from './customer-processor';
import { AccessLog } from '../security/access-log';
import { loadApiKeys } from './api-keys';
import { nestIngestionLogger } from '../ingestion/ingestion-logger';
import {
  API_KEYS,
  APP_CONFIG,
  CLOCK,
  CUSTOMER_PROCESSOR,
  EVENT_STORE,
  INGESTION_SOURCE,
  KEY_STORE,
  READ_MODEL_ADMIN,
  READ_MODEL_STORE,
  TO_COMMAND,
} from './tokens';

export interface CoreOptions {
  readonly clock?: Clock;
}

/** Ports, the write loop and the audit reader: everything the HTTP app and the CLI share. */
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(READ_MODEL_ADMIN) private readonly readModels: ReadModelAdmin,
  ) {}

  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
      { provide: KEY_STORE, useFactory: () => openKeyStore(config) },
      {
        provide: CUSTOMER_PROCESSOR,
        useFactory: (store: EventStore, clock: Clock) =>
          createCustomerProcessor(store, clock, { policy: config.policy, maxClockSkewMs: config.maxClockSkewMs }),
        inject: [EVENT_STORE, CLOCK],
      },
      { provide: TO_COMMAND, useFactory: (clock: Clock) => new ToCommand(clock), inject: [CLOCK] },
      ExecuteCustomerCommandHandler,
      CommandsInFlight,
      AppendNotices,
      PersonalDataReader,
      { provide: OriginalSealer, useFactory: (keys: KeyStore) => new OriginalSealer(keys), inject: [KEY_STORE] },
      AuditService,
      AnchorsService,
      Metrics,
      AccessLog,
      { provide: API_KEYS, useFactory: (clock: Clock) => loadApiKeys(config.security, clock), inject: [CLOCK] },
      { provide: INGESTION_SOURCE, useFactory: () => openIngestionSource(config) },
      { provide: READ_MODEL_STORE, useFactory: () => openReadModelStore(config) },
      { provide: READ_MODEL_ADMIN, useExisting: READ_MODEL_STORE },
      OwnedWork,
    ];
    return {
      module: CoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers,
      exports: [
        APP_CONFIG,
        CLOCK,
        CommandsInFlight,
        AppendNotices,
        EVENT_STORE,
        KEY_STORE,
        CUSTOMER_PROCESSOR,
        TO_COMMAND,
        AuditService,
        AnchorsService,
        PersonalDataReader,
        OriginalSealer,
        Metrics,
        AccessLog,
        API_KEYS,
        INGESTION_SOURCE,
        READ_MODEL_STORE,
        READ_MODEL_ADMIN,
        OwnedWork,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.keys.close();
    await this.readModels.close();
  }
}

/** Kafka when KAFKA_BROKERS is set (design.md §6); otherwise none, and commands come by HTTP and the importer. */
function openIngestionSource(config: AppConfig): IngestionSource | null {
  const kafka = config.kafka;
  if (!kafka) return null;
  const { brokers, topic, deadLetterTopic, groupId, topicPartitions, messagesInFlight } = kafka;
  return new KafkaIngestion({
    brokers,
    topic,
    deadLetterTopic,
    groupId,
    partitions: topicPartitions,
    ...(messagesInFlight === undefined ? {} : { messagesInFlightPerPartition: messagesInFlight }),
    logger: nestIngestionLogger(),
  });
}
