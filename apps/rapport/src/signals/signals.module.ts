import { Module } from '@nestjs/common';
import { SignalsController } from './signals.controller';
import { SignalsLifecycle } from './signals.lifecycle';

/** Outbound signals: the Kafka publisher (with KAFKA_BROKERS) and GET /v1/signals (always). */
@Module({ controllers: [SignalsController], providers: [SignalsLifecycle] })
export class SignalsModule {}
