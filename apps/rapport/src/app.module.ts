import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './http/auth.guard';
import { AnchorSchedule } from './audit/anchors/anchor-schedule';
import { AnchorsController } from './audit/anchors/anchors.controller';
import { AuditController } from './audit/audit.controller';
import { SubjectAccessController } from './audit/subject-access.controller';
import { SubjectAccessService } from './audit/subject-access.service';
import { CustomerCommandsController } from './commands/customer-commands.controller';
import { RetentionActionsController } from './commands/retention-actions.controller';
import type { AppConfig } from './config';
import { IdempotentReplies } from './http/idempotency';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { MeController } from './security/me.controller';
import { HealthController } from './operations/health.controller';
import { IngestionModule } from './ingestion/ingestion.module';
import { MetricsController } from './operations/metrics.controller';
import { ProjectionsModule } from './projections/projections.module';
import { QueriesModule } from './queries/queries.module';
import { SignalsModule } from './signals/signals.module';
import { SweepsModule } from './sweeps/sweeps.module';
import { ApiKeysReloader } from './wiring/api-keys';
import { CoreModule, type CoreOptions } from './wiring/core.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, options), IngestionModule, ProjectionsModule, QueriesModule, SweepsModule, SignalsModule],
      controllers: [
        CustomerCommandsController,
        RetentionActionsController,
        AuditController,
        SubjectAccessController,
        AnchorsController,
        HealthController,
        MetricsController,
        MeController,
      ],
      providers: [
        SubjectAccessService,
        AnchorSchedule,
        IdempotentReplies,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        ApiKeysReloader,
      ],
    };
  }
}
