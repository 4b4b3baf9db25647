// The contract suite (contract/) stays out of this entry: it uses jest globals. Specs import it by path.
export * from './read-model-store.port';
export * from './read-model-store.errors';
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
export * from './projections/projected-event';
export * from './projections/projection';
export * from './projections/read-model.config';
export * from './projections/catalog';
export * from './projections/activity';
export * from './projections/segment-facts';
export * from './projections/money-sums';
export * from './projections/customer-summary.projection';
export * from './projections/segments.projection';
export * from './projections/segment-counts.projection';
export * from './projections/loyalty.projection';
export * from './projections/satisfaction.projection';
export * from './projections/complaints.projection';
export * from './projections/kpis.projection';
export * from './projections/segment-moves';
export * from './projections/segment-history.projection';
export * from './projections/complaint-kpis.projection';
export * from './projections/customer-analytics.projection';
export * from './projections/churn-risk.projection';
export * from './reading/ratios';
export * from './reading/customer-summary.view';
export * from './reading/segments.view';
export * from './reading/segment-view-validity';
export * from './reading/satisfaction.view';
export * from './reading/kpis.view';
export * from './reading/segment-history.view';
export * from './reading/kpis-known-at';
export * from './reading/complaint-kpis.view';
export * from './reading/worklist.view';
export { cursorAfter } from './cursor';
export { rebuildGroups, rebuildCostOf } from './rebuild-groups';
export * from './reading/kpi-breakdown.view';
export * from './reading/cohorts.view';
export * from './reading/customer-value.view';
export * from './reading/behaviour.view';
export * from './reading/customer-value.page';
export * from './reading/cluster-runs';
export * from './reading/customer-analytics.read';
export * from './reading/find-all';
