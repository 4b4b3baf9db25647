// The contract suite (contract/) stays out of this entry: it uses jest globals. Specs import it by path.
export type * from './read-model-store.port';
export { LEASES, isCollectionName, isFieldPath } from './read-model-store.port';
export type * from './read-model-store.errors';
export { ReadModelStoreUnavailable, InvalidCursor, isInvalidCursor } from './read-model-store.errors';
export { EmbeddedReadModelStore } from './adapters/embedded/embedded.read-model-store';
export { MongoReadModelStore, type MongoReadModelStoreOptions } from './adapters/mongo/mongo.read-model-store';
export {
  Projector,
  ProjectionWriteConflict,
  type CatchUpProgress,
  type ExclusiveMode,
  type ProjectorLogger,
  type ProjectorOptions,
} from './projector';
export type { FeedHandler, Handler, HandlerState, ProjectionStatus } from './runtime/handler';
export { rebuildProjections, REBUILD_SUFFIX, type RebuildOptions, type RebuildPhase, type RebuildReport } from './rebuild';
export { PositionWaiters } from './runtime/position-waiters';
export { Lease, type LeaseDocument, type LeaseOptions } from './runtime/lease';
export { CHECKPOINTS, readControl, type Checkpoint, type Control } from './runtime/checkpoints';
export type * from './projections/projected-event';
export { toProjectedEvent, instantOf } from './projections/projected-event';
export type * from './projections/projection';
export { handledTypes, eventTypes } from './projections/projection';
export type * from './projections/read-model.config';
export { defaultReadModelConfig, readModelConfigOf } from './projections/read-model.config';
export type * from './projections/catalog';
export { allProjections, PROJECTION_NAMES, isProjectionName } from './projections/catalog';
export type * from './projections/activity';
export { withDailyTransaction, withMonthlyTransaction, transactionsInTrailingDays, activityInTrailingMonths } from './projections/activity';
export type * from './projections/segment-facts';
export { segmentFacts, evolveSegmentFacts, segmentAt } from './projections/segment-facts';
export type * from './projections/money-sums';
export { minorUnitsOf, addMoney, mergeSums, countCurrency, mergeCounts } from './projections/money-sums';
export type * from './projections/customer-summary.projection';
export {
  CUSTOMER_SUMMARY,
  customerSummaryRule,
  applyToSummary,
  customerSummaryProjection,
} from './projections/customer-summary.projection';
export type * from './projections/segments.projection';
export {
  SEGMENT_MEMBERS,
  SEGMENT_EVENTS,
  applyToSegmentMember,
  segmentMemberRule,
  segmentsProjection,
} from './projections/segments.projection';
export type * from './projections/segment-counts.projection';
export {
  SEGMENT_COUNTS,
  SEGMENT_COUNT_MEMBERS,
  countedMember,
  withCounted,
  segmentCountsProjection,
} from './projections/segment-counts.projection';
export type * from './projections/loyalty.projection';
export { LOYALTY_ACCOUNTS, applyToLoyaltyAccount, loyaltyAccountRule, loyaltyProjection } from './projections/loyalty.projection';
export type * from './projections/satisfaction.projection';
export {
  SATISFACTION_BUCKETS,
  SATISFACTION_CUSTOMERS,
  GRANULARITIES,
  BREAKDOWNS,
  bucketId,
  bucketIdsOf,
  applyToBucket,
  satisfactionProjection,
} from './projections/satisfaction.projection';
export type * from './projections/complaints.projection';
export {
  COMPLAINTS,
  complaintDocumentId,
  applyToComplaint,
  complaintRule,
  complaintsProjection,
} from './projections/complaints.projection';
export type * from './projections/kpis.projection';
export { KPI_DAYS, KPI_CUSTOMERS, evolveKpiCustomer, applyToKpiDay, ZERO_KPI_COUNTS, kpisProjection } from './projections/kpis.projection';
export type * from './projections/segment-moves';
export { segmentKeyAt, timeDrivenMoves } from './projections/segment-moves';
export type * from './projections/segment-history.projection';
export {
  SEGMENT_CHANGES,
  SEGMENT_LINEAGE_CUSTOMERS,
  segmentChangeId,
  lineageStep,
  segmentHistoryProjection,
} from './projections/segment-history.projection';
export type * from './projections/complaint-kpis.projection';
export {
  COMPLAINT_KPI_DAYS,
  COMPLAINT_KPI_CUSTOMERS,
  evolveComplaintKpiCustomer,
  applyToComplaintKpiDay,
  complaintKpisProjection,
} from './projections/complaint-kpis.projection';
export type * from './projections/customer-analytics.projection';
export {
  CUSTOMER_ANALYTICS,
  CUSTOMER_ANALYTICS_MONTHS,
  kpiDayOf,
  applyToCustomerAnalyticsHeader,
  applyToCustomerAnalyticsMonth,
  customerAnalyticsMonthId,
  customerAnalyticsProjection,
} from './projections/customer-analytics.projection';
export type * from './projections/churn-risk.projection';
export {
  CHURN_RISK,
  RETENTION_TOTALS,
  RETENTION_TOTALS_ID,
  applyToChurnRisk,
  applyToRetentionTotals,
  churnRiskProjection,
} from './projections/churn-risk.projection';
export type * from './reading/ratios';
export { ratioToHundredths } from './reading/ratios';
export type * from './reading/customer-summary.view';
export { customerSummaryView } from './reading/customer-summary.view';
export type * from './reading/segments.view';
export { countedView, memberView, countMember, parseSegmentKey } from './reading/segments.view';
export type * from './reading/segment-view-validity';
export { viewValidUntil } from './reading/segment-view-validity';
export type * from './reading/satisfaction.view';
export { trendRow } from './reading/satisfaction.view';
export type * from './reading/kpis.view';
export { kpiReport } from './reading/kpis.view';
export type * from './reading/segment-history.view';
export { segmentHistory, segmentKeyAsOf, migrationMatrix } from './reading/segment-history.view';
export type * from './reading/kpis-known-at';
export { ProjectionFold, kpiFold, kpiReportOf } from './reading/kpis-known-at';
export type * from './reading/complaint-kpis.view';
export { complaintKpis } from './reading/complaint-kpis.view';
export type * from './reading/worklist.view';
export { findWorklist, retainedAfterAction } from './reading/worklist.view';
export { cursorAfter } from './cursor';
export { rebuildGroups, rebuildCostOf } from './rebuild-groups';
export type * from './reading/kpi-breakdown.view';
export { BREAKDOWN_DIMENSIONS, kpiBreakdown } from './reading/kpi-breakdown.view';
export type * from './reading/cohorts.view';
export { cohortMember, cohortsView } from './reading/cohorts.view';
export type * from './reading/customer-value.view';
export { customerValues, retentionByCohort, customerValueOf } from './reading/customer-value.view';
export type * from './reading/behaviour.view';
export { behaviourOf } from './reading/behaviour.view';
export type * from './reading/customer-value.page';
export { pageByValue } from './reading/customer-value.page';
export type * from './reading/cluster-runs';
export { CLUSTER_RUNS, CLUSTER_MEMBERS, CLUSTER_COLLECTIONS, clusterRunWrites } from './reading/cluster-runs';
export type * from './reading/customer-analytics.read';
export { assembleCustomerAnalytics, readAllCustomerAnalytics } from './reading/customer-analytics.read';
export type * from './reading/find-all';
export { findAll } from './reading/find-all';
