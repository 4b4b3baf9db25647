import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@rapport/event-store';
import { systemClock, type Clock } from '@rapport/kernel';
import type { KeyStore } from '@rapport/privacy';
import { AuditService } from '../audit/audit.service';
import { PersonalDataReader } from '../audit/personal-data-reader';
import { ExecuteCustomerCommandHandler } from '../commands/execute-customer-command';
import { ToCommand } from '../commands/to-command';
import { Metrics } from '../operations/metrics';
import type { AppConfig } from '../config';
import { openEventStore, openKeyStore } from './adapters';
import { createCustomerProcessor } from './customer-processor';
import { AccessLog } from '../security/access-log';
import { loadApiKeys } from './api-keys';
import { API_KEYS, APP_CONFIG, CLOCK, CUSTOMER_PROCESSOR, EVENT_STORE, KEY_STORE, TO_COMMAND } from './tokens';

export interface CoreOptions {
  readonly clock?: Clock;
}

/** Ports, the write loop and the audit reader: everything the HTTP app and the CLI share. */
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
      { provide: KEY_STORE, useFactory: () => openKeyStore(config) },
      { provide: CUSTOMER_PROCESSOR, useFactory: createCustomerProcessor, inject: [EVENT_STORE, CLOCK] },
      { provide: TO_COMMAND, useFactory: (clock: Clock) => new ToCommand(clock), inject: [CLOCK] },
      ExecuteCustomerCommandHandler,
      PersonalDataReader,
      AuditService,
      Metrics,
      AccessLog,
      { provide: API_KEYS, useFactory: () => loadApiKeys(config.security) },
    ];
    return {
      module: CoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers,
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, KEY_STORE, CUSTOMER_PROCESSOR, TO_COMMAND, AuditService, PersonalDataReader, Metrics, AccessLog, API_KEYS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.keys.close();
  }
}
