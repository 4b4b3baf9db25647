import type { CustomerId, Instant, Money } from '@rapport/kernel';
import type {
  ComplaintSeverity,
  ComplaintWorkStage,
  CustomerType,
  RetentionActionKind,
  RetentionOutcome,
  RiskProfile,
  SealedPersonalData,
} from './customer.values';

/** Every command names its customer and carries business time (`occurredAt`, an instant, made at the edge). */
interface CommandOf<Type extends string, Data> {
  readonly type: Type;
  readonly customerId: CustomerId;
  readonly occurredAt: Instant;
  readonly data: Data;
}

export type AcquireCustomer = CommandOf<
  'AcquireCustomer',
  {
    readonly customerType: CustomerType;
    readonly channel: string;
    readonly assets: Money;
    readonly riskProfile: RiskProfile;
    readonly acquisitionCost?: Money;
    readonly personal?: SealedPersonalData;
  }
>;
export type ActivateCustomer = CommandOf<'ActivateCustomer', { readonly product: string }>;
export type UpdateCustomerProfile = CommandOf<'UpdateCustomerProfile', { readonly assets?: Money; readonly riskProfile?: RiskProfile }>;
export type RecordTransaction = CommandOf<
  'RecordTransaction',
  { readonly transactionId: string; readonly amount: Money; readonly productCategory: string; readonly revenue?: Money }
>;
export type FileComplaint = CommandOf<
  'FileComplaint',
  { readonly complaintId: string; readonly category: string; readonly severity: ComplaintSeverity; readonly channel: string }
>;
export type EscalateComplaint = CommandOf<'EscalateComplaint', { readonly complaintId: string; readonly reason: string }>;
export type ResolveComplaint = CommandOf<'ResolveComplaint', { readonly complaintId: string; readonly resolution: string }>;
export type AssignComplaint = CommandOf<'AssignComplaint', { readonly complaintId: string; readonly assignee: string }>;
export type ChangeComplaintStage = CommandOf<'ChangeComplaintStage', { readonly complaintId: string; readonly stage: ComplaintWorkStage }>;
export type ExtendComplaint = CommandOf<
  'ExtendComplaint',
  { readonly complaintId: string; readonly days: number; readonly reason: string; readonly approver: string }
>;
/** Issued by the complaint-clock sweep with `occurredAt` = the sweep's instant. */
export type WarnOfComplaintBreach = CommandOf<'WarnOfComplaintBreach', { readonly complaintId: string }>;
/** Issued by the complaint-clock sweep with `occurredAt` = the sweep's instant. */
export type RecordComplaintBreach = CommandOf<'RecordComplaintBreach', { readonly complaintId: string }>;
export type RecordSatisfaction = CommandOf<
  'RecordSatisfaction',
  { readonly surveyId: string; readonly csat: number; readonly nps?: number; readonly touchpoint: string; readonly channel: string }
>;
export type RedeemPoints = CommandOf<'RedeemPoints', { readonly redemptionId: string; readonly points: number; readonly reward: string }>;
/** Issued by the loyalty tier sweep: re-judge the tier as of occurredAt (the trailing window may have lapsed). */
export type ReviewLoyaltyTier = CommandOf<'ReviewLoyaltyTier', Readonly<Record<never, never>>>;
/** Issued by the satisfaction saga; `surveyId` is the answer that completed the falling run. */
export type RaiseRetentionAlert = CommandOf<'RaiseRetentionAlert', { readonly surveyId: string }>;
/** Issued by the churn-risk saga and sweep: score the customer as of `occurredAt`. */
export type AssessChurnRisk = CommandOf<'AssessChurnRisk', Record<string, never>>;
export type RecordRetentionAction = CommandOf<
  'RecordRetentionAction',
  { readonly actionId: string; readonly kind: RetentionActionKind; readonly note?: string; readonly recordedBy: string }
>;
export type RecordRetentionActionOutcome = CommandOf<
  'RecordRetentionActionOutcome',
  { readonly actionId: string; readonly outcome: RetentionOutcome }
>;
export type ChurnCustomer = CommandOf<'ChurnCustomer', { readonly reason: string }>;
export type ReactivateCustomer = CommandOf<'ReactivateCustomer', { readonly reason?: string }>;
export type ErasePersonalData = CommandOf<'ErasePersonalData', { readonly requestedBy: string }>;

export type CustomerCommand =
  | AcquireCustomer
  | ActivateCustomer
  | UpdateCustomerProfile
  | RecordTransaction
  | FileComplaint
  | EscalateComplaint
  | ResolveComplaint
  | AssignComplaint
  | ChangeComplaintStage
  | ExtendComplaint
  | WarnOfComplaintBreach
  | RecordComplaintBreach
  | RecordSatisfaction
  | RedeemPoints
  | ReviewLoyaltyTier
  | RaiseRetentionAlert
  | AssessChurnRisk
  | RecordRetentionAction
  | RecordRetentionActionOutcome
  | ChurnCustomer
  | ReactivateCustomer
  | ErasePersonalData;

export type CustomerCommandType = CustomerCommand['type'];
