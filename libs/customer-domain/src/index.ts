export type * from './customer.values';
export {
  CUSTOMER_TYPES,
  RISK_PROFILES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_WORK_STAGES,
  LOYALTY_TIERS,
  RETENTION_ACTION_KINDS,
  RETENTION_OUTCOMES,
} from './customer.values';
export type * from './customer.commands';
export type * from './customer.events';
export { EVENT_SCHEMA_VERSIONS, CUSTOMER_EVENT_TYPES, isCustomerEventType } from './customer.events';
export type * from './customer.field-classes';
export { EVENT_FIELD_CLASSES, COMMAND_FIELD_CLASSES, sensitiveFieldsOf, protectedFieldsOf } from './customer.field-classes';
export type * from './customer.state';
export { NO_DAILY_POINTS, initialState } from './customer.state';
export type * from './customer.errors';
export { DOMAIN_ERROR_CODES, domainError, isDomainError } from './customer.errors';
export type * from './customer.config';
export { defaultDomainConfig } from './customer.config';
export type * from './customer.decider';
export { createCustomerDecider } from './customer.decider';
export type { Decision } from './customer.decide';
export type * from './policies/loyalty.policy';
export {
  defaultLoyaltyConfig,
  transactionPoints,
  tierFor,
  windowStartDay,
  tierWindow,
  pointsInWindow,
  addEarning,
  tierLapseDay,
} from './policies/loyalty.policy';
export type * from './policies/segmentation.policy';
export {
  defaultSegmentationConfig,
  valueTier,
  valueContribution,
  behaviour,
  lifecycleStage,
  segmentKey,
} from './policies/segmentation.policy';
export type * from './policies/rfm.policy';
export { defaultRfmConfig, rfmScores } from './policies/rfm.policy';
export type * from './policies/satisfaction.policy';
export {
  defaultSatisfactionConfig,
  FALLING_RUN_LENGTH,
  isSatisfied,
  npsCategory,
  csatPercent,
  netPromoterScore,
  isFallingRun,
} from './policies/satisfaction.policy';
export type * from './policies/complaints.policy';
export { isOverdue, resolutionHours } from './policies/complaints.policy';
export type * from './policies/kpis.policy';
export { churnRate, retentionRate, customerLifetimeValue } from './policies/kpis.policy';
export type * from './policies/churn-risk.policy';
export { defaultChurnRiskConfig, churnRisk, isAtRisk, assetDropPercent, churnRiskConfigProblems } from './policies/churn-risk.policy';
export type * from './policies/complaint-clock.policy';
export {
  defaultComplaintClockConfig,
  shiftByCountedDays,
  complaintDueAtOnClock,
  extendedDueAt,
  preBreachWarningAt,
  complaintClockConfigErrors,
} from './policies/complaint-clock.policy';
export type * from './policies/policy-set';
export { defaultPolicySet, readPolicySet, domainConfigOf } from './policies/policy-set';
export type * from './policies/clock-skew.policy';
export { DEFAULT_MAX_CLOCK_SKEW_MS, occurredAfterClockSkew } from './policies/clock-skew.policy';
export type * from './customer.upcasters';
export { CUSTOMER_UPCASTERS } from './customer.upcasters';
