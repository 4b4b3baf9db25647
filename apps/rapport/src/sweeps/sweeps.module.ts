import { Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ReadModelStore } from '@rapport/read-models';
import { policyOf, type AppConfig } from '../config';
import { APP_CONFIG, READ_MODEL_STORE } from '../wiring/tokens';
import { CHURN_RISK_CONFIG, ChurnRiskSweep } from './churn-risk.sweep';
import { ComplaintClockSweep } from './complaint-clock.sweep';
import { LoyaltyTierSweep } from './loyalty-tier.sweep';
import { TimeSweepHost } from './time-sweep-host';
import { TIME_SWEEPS, type TimeSweep } from './time-sweeps';

/** Every time sweep, and the one timer that runs them. A new sweep is a provider here and one more entry in `inject`. */
@Module({
  providers: [
    {
      provide: ComplaintClockSweep,
      useFactory: (store: ReadModelStore, commandBus: CommandBus, config: AppConfig) =>
        new ComplaintClockSweep(store, commandBus, policyOf(config).complaintClock),
      inject: [READ_MODEL_STORE, CommandBus, APP_CONFIG],
    },
    { provide: CHURN_RISK_CONFIG, useFactory: (config: AppConfig) => policyOf(config).churnRisk, inject: [APP_CONFIG] },
    ChurnRiskSweep,
    LoyaltyTierSweep,
    {
      provide: TIME_SWEEPS,
      useFactory: (...sweeps: TimeSweep[]) => sweeps,
      inject: [ComplaintClockSweep, ChurnRiskSweep, LoyaltyTierSweep],
    },
    TimeSweepHost,
  ],
  exports: [TIME_SWEEPS, ComplaintClockSweep, ChurnRiskSweep, LoyaltyTierSweep, TimeSweepHost],
})
export class SweepsModule {}
