import { Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { defaultComplaintClockConfig } from '@rapport/customer-domain';
import type { ReadModelStore } from '@rapport/read-models';
import type { AppConfig } from '../config';
import { APP_CONFIG, READ_MODEL_STORE } from '../wiring/tokens';
import { ComplaintClockSweep } from './complaint-clock.sweep';
import { TimeSweepHost } from './time-sweep-host';
import { TIME_SWEEPS, type TimeSweep } from './time-sweeps';

/** Every time sweep, and the one timer that runs them. */
@Module({
  providers: [
    {
      provide: ComplaintClockSweep,
      useFactory: (store: ReadModelStore, commandBus: CommandBus, config: AppConfig) =>
        new ComplaintClockSweep(store, commandBus, config.complaintClock ?? defaultComplaintClockConfig),
      inject: [READ_MODEL_STORE, CommandBus, APP_CONFIG],
    },
    { provide: TIME_SWEEPS, useFactory: (...sweeps: TimeSweep[]) => sweeps, inject: [ComplaintClockSweep] },
    TimeSweepHost,
  ],
  exports: [TIME_SWEEPS, ComplaintClockSweep],
})
export class SweepsModule {}
