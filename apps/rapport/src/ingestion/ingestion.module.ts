import { Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ToCommand } from '../commands/to-command';
import { Metrics } from '../operations/metrics';
import { OriginalSealer } from '../privacy/sealed-original';
import { TO_COMMAND } from '../wiring/tokens';
import { CloudEventIngestor } from './cloud-event-ingestor';
import { IngestionLifecycle } from './ingestion.lifecycle';
import { KAFKA_MESSAGE_HANDLER } from './ingestion.tokens';
import { KafkaMessageHandler } from './kafka-message.handler';

/** Kafka ingestion for the service process; the global CoreModule supplies the bus, ToCommand and the source. */
@Module({
  providers: [
    {
      provide: KAFKA_MESSAGE_HANDLER,
      useFactory: (bus: CommandBus, mapper: ToCommand, metrics: Metrics, sealer: OriginalSealer) =>
        new KafkaMessageHandler(new CloudEventIngestor(bus, mapper, 'kafka-ingestion'), metrics, sealer),
      inject: [CommandBus, TO_COMMAND, Metrics, OriginalSealer],
    },
    IngestionLifecycle,
  ],
})
export class IngestionModule {}
