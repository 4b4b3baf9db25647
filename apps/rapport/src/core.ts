/** What the CLI builds on: the same wiring, write loop and audit reader as the service. */
export { CoreModule } from './wiring/core.module';
export { configFromEnvironment, policyOf, type AppConfig } from './config';
export { policyFromEnvironment } from './policy-file';
export { ExecuteCustomerCommand, type CustomerCommandOutcome } from './commands/execute-customer-command';
export { AuditService, type Reader } from './audit/audit.service';
export { API_KEYS } from './wiring/tokens';
export { EVENT_STORE, READ_MODEL_ADMIN, READ_MODEL_STORE } from './wiring/tokens';
export { CloudEventIngestor, type IngestOutcome } from './ingestion/cloud-event-ingestor';
export { OriginalSealer, RepairError, type SealedOriginal } from './privacy/sealed-original';
export { AccessLog } from './security/access-log';
export { AnchorsService } from './audit/anchors/anchors.service';
