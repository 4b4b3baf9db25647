import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module';
import { AnalyticsBook } from './analytics/analytics-book';
import { ClusterRunsService } from './clusters/cluster-runs.service';
import { ClustersController } from './clusters/clusters.controller';
import { CohortsController } from './cohorts/cohorts.controller';
import { GetCohortsHandler } from './cohorts/get-cohorts.query-handler';
import { ComplaintsController } from './complaints/complaints.controller';
import { ListComplaintsHandler } from './complaints/list-complaints.query-handler';
import { CustomerSummaryController } from './customers/customer-summary.controller';
import { CustomersByValueController } from './customers/customers-by-value.controller';
import { GetCustomerSummaryHandler } from './customers/get-customer-summary.query-handler';
import { ListCustomersByValueHandler } from './customers/list-customers-by-value.query-handler';
import { GetKpiBreakdownHandler } from './kpis/get-kpi-breakdown.query-handler';
import { GetKpisHandler } from './kpis/get-kpis.query-handler';
import { KpisController } from './kpis/kpis.controller';
import { LoyaltyController } from './loyalty/loyalty.controller';
import { GetLoyaltyAccountHandler, GetLoyaltyLeaderboardHandler, GetLoyaltyTiersHandler } from './loyalty/loyalty.query-handlers';
import { GetWorklistHandler } from './retention/get-worklist.query-handler';
import { RetentionController } from './retention/retention.controller';
import { GetProjectionStatusHandler } from './projections/get-projection-status.query-handler';
import { SegmentLineageController } from './lineage/segment-lineage.controller';
import {
  GetSegmentHistoryHandler,
  GetSegmentMigrationsHandler,
  ListSegmentMembersAsOfHandler,
} from './lineage/segment-lineage.query-handlers';
import { SegmentLineageReader } from './lineage/segment-lineage.reader';
import { KnownAtKpis } from './reports/known-at-kpis';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ProjectionsController } from './projections/projections.controller';
import { GetSatisfactionTrendsHandler } from './satisfaction/satisfaction-trends.query-handler';
import { SatisfactionController } from './satisfaction/satisfaction.controller';
import { ListSegmentCustomersHandler } from './segments/list-segment-customers.query-handler';
import { ListSegmentsHandler } from './segments/list-segments.query-handler';
import { SegmentCounts } from './segments/segment-counts';
import { SegmentsController } from './segments/segments.controller';
import { ReadGate } from './shared/read-gate';

/** The analysts' query API (api.md "Queries"): one controller, query and handler per read model. */
@Module({
  imports: [ProjectionsModule],
  controllers: [
    CustomerSummaryController,
    CustomersByValueController,
    CohortsController,
    ClustersController,
    SegmentsController,
    LoyaltyController,
    SatisfactionController,
    ComplaintsController,
    KpisController,
    ProjectionsController,
    SegmentLineageController,
    ReportsController,
    RetentionController,
  ],
  providers: [
    ReadGate,
    GetCustomerSummaryHandler,
    ListSegmentsHandler,
    SegmentCounts,
    ListSegmentCustomersHandler,
    GetLoyaltyAccountHandler,
    GetLoyaltyLeaderboardHandler,
    GetLoyaltyTiersHandler,
    GetSatisfactionTrendsHandler,
    ListComplaintsHandler,
    GetKpisHandler,
    AnalyticsBook,
    GetKpiBreakdownHandler,
    GetCohortsHandler,
    ListCustomersByValueHandler,
    ClusterRunsService,
    GetProjectionStatusHandler,
    SegmentLineageReader,
    GetSegmentHistoryHandler,
    GetSegmentMigrationsHandler,
    ListSegmentMembersAsOfHandler,
    KnownAtKpis,
    ReportsService,
    GetWorklistHandler,
  ],
})
export class QueriesModule {}
