import { Module } from '@nestjs/common';
import { defaultReadModelConfig } from '@rapport/read-models';
import { EventBusFeed } from './event-bus-feed';
import { READ_MODEL_CONFIG } from './projection.tokens';
import { ProjectorHost } from './projector-host';
import { RetentionAlertSaga } from './retention-alert.saga';
import { UnhandledExceptionsLogger } from './unhandled-exceptions.logger';

/** The read side's moving parts in the service: the projector, the event feed to the EventBus, the sagas. */
@Module({
  providers: [
    { provide: READ_MODEL_CONFIG, useValue: defaultReadModelConfig },
    ProjectorHost,
    EventBusFeed,
    RetentionAlertSaga,
    UnhandledExceptionsLogger,
  ],
  exports: [READ_MODEL_CONFIG, ProjectorHost, EventBusFeed],
})
export class ProjectionsModule {}
