import { Module } from '@nestjs/common';
import { readModelConfigOf } from '@rapport/read-models';
import { policyOf, type AppConfig } from '../config';
import { APP_CONFIG } from '../wiring/tokens';
import { ChurnRiskSaga } from './churn-risk.saga';
import { EventBusFeed } from './event-bus-feed';
import { READ_MODEL_CONFIG } from './projection.tokens';
import { ProjectorHost } from './projector-host';
import { RetentionAlertSaga } from './retention-alert.saga';
import { UnhandledExceptionsLogger } from './unhandled-exceptions.logger';

/** The read side's moving parts in the service: the projector, the event feed to the EventBus, the sagas. */
@Module({
  providers: [
    {
      provide: READ_MODEL_CONFIG,
      useFactory: (config: AppConfig) => readModelConfigOf(policyOf(config)),
      inject: [APP_CONFIG],
    },
    ProjectorHost,
    EventBusFeed,
    RetentionAlertSaga,
    ChurnRiskSaga,
    UnhandledExceptionsLogger,
  ],
  exports: [READ_MODEL_CONFIG, ProjectorHost, EventBusFeed],
})
export class ProjectionsModule {}
