import type { Instant, Money } from '@rapport/kernel';
import type {
  ComplaintSeverity,
  ComplaintWorkStage,
  CustomerType,
  LoyaltyTier,
  RetentionActionKind,
  RetentionOutcome,
  RiskProfile,
  SealedPersonalData,
} from './customer.values';
import type { ChurnRiskReason } from './policies/churn-risk.policy';

/**
 * Domain events as the decider returns them. `type` strings are a stored contract: never renamed.
 * Every event carries `occurredAt` (business time) in its data so that evolve never needs metadata.
 */
interface EventOf<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data & { readonly customerId: string; readonly occurredAt: Instant };
}

export type CustomerAcquired = EventOf<
  'CustomerAcquired',
  {
    readonly customerType: CustomerType;
    readonly channel: string;
    readonly assets: Money;
    readonly riskProfile: RiskProfile;
    readonly acquisitionCost?: Money;
    readonly personal?: SealedPersonalData;
  }
>;
export type CustomerActivated = EventOf<
  'CustomerActivated',
  {
    readonly product: string;
    /** The activation bonus credited. */
    readonly pointsEarned: number;
    /** Tier held after the bonus was credited (schema version 2). */
    readonly tierAfter: LoyaltyTier;
    /** First UTC day of the trailing window the tier was judged on (schema version 2). */
    readonly tierWindowStartDay: string;
  }
>;
export type CustomerProfileUpdated = EventOf<'CustomerProfileUpdated', { readonly assets?: Money; readonly riskProfile?: RiskProfile }>;
export type TransactionRecorded = EventOf<
  'TransactionRecorded',
  {
    readonly transactionId: string;
    readonly amount: Money;
    readonly productCategory: string;
    readonly revenue?: Money;
    /** Loyalty points this transaction earned, at the tier held before it. */
    readonly pointsEarned: number;
    /** Tier held after the points were added. */
    readonly tierAfter: LoyaltyTier;
    /**
     * First UTC day of the trailing window the tier was judged on (schema version 2): earnings
     * of earlier days count for no later tier, so replay drops them without the policy settings.
     */
    readonly tierWindowStartDay: string;
  }
>;
export type ComplaintFiled = EventOf<
  'ComplaintFiled',
  {
    readonly complaintId: string;
    readonly category: string;
    readonly severity: ComplaintSeverity;
    readonly channel: string;
    readonly dueAt: Instant;
  }
>;
export type ComplaintEscalated = EventOf<
  'ComplaintEscalated',
  { readonly complaintId: string; readonly reason: string; readonly dueAt: Instant }
>;
export type ComplaintResolved = EventOf<
  'ComplaintResolved',
  { readonly complaintId: string; readonly resolution: string; readonly resolutionHours: number }
>;
export type ComplaintAssigned = EventOf<'ComplaintAssigned', { readonly complaintId: string; readonly assignee: string }>;
export type ComplaintStageChanged = EventOf<'ComplaintStageChanged', { readonly complaintId: string; readonly stage: ComplaintWorkStage }>;
export type ComplaintExtended = EventOf<
  'ComplaintExtended',
  { readonly complaintId: string; readonly days: number; readonly reason: string; readonly approver: string; readonly dueAt: Instant }
>;
/** The pre-breach warning, for the due date it names. */
export type ComplaintBreachWarned = EventOf<'ComplaintBreachWarned', { readonly complaintId: string; readonly dueAt: Instant }>;
export type ComplaintBreached = EventOf<'ComplaintBreached', { readonly complaintId: string; readonly dueAt: Instant }>;
export type SatisfactionRecorded = EventOf<
  'SatisfactionRecorded',
  {
    readonly surveyId: string;
    readonly csat: number;
    readonly nps?: number;
    readonly touchpoint: string;
    readonly channel: string;
  }
>;
export type PointsRedeemed = EventOf<
  'PointsRedeemed',
  { readonly redemptionId: string; readonly points: number; readonly reward: string; readonly balanceAfter: number }
>;
/**
 * The loyalty tier moved (design.md §2: points earned in the trailing window). `cause` names what re-judged it:
 * a transaction or activation (`earned`), a redemption (`redeemed`), or the time sweep (`window-lapsed`).
 * Earnings before `windowStartDay` count for no later tier, so replay drops them without the policy settings.
 */
export type LoyaltyTierChanged = EventOf<
  'LoyaltyTierChanged',
  {
    readonly from: LoyaltyTier;
    readonly to: LoyaltyTier;
    readonly cause: 'earned' | 'redeemed' | 'window-lapsed';
    readonly windowStartDay: string;
  }
>;
export type RetentionAlertRaised = EventOf<'RetentionAlertRaised', { readonly surveyId: string; readonly recentScores: readonly number[] }>;
/**
 * A churn-risk score that differs from the last one recorded. `threshold` is the at-risk score in
 * force when it was judged, and `crossed` says whether this score passed it (either way), so replay
 * and the read side never need today's settings.
 */
export type ChurnRiskAssessed = EventOf<
  'ChurnRiskAssessed',
  {
    readonly score: number;
    readonly reasons: readonly ChurnRiskReason[];
    readonly threshold: number;
    readonly crossed: 'above' | 'below' | null;
  }
>;
export type RetentionActionRecorded = EventOf<
  'RetentionActionRecorded',
  { readonly actionId: string; readonly kind: RetentionActionKind; readonly note?: string; readonly recordedBy: string }
>;
export type RetentionActionOutcomeRecorded = EventOf<
  'RetentionActionOutcomeRecorded',
  { readonly actionId: string; readonly outcome: RetentionOutcome }
>;
export type CustomerChurned = EventOf<'CustomerChurned', { readonly reason: string }>;
export type CustomerReactivated = EventOf<'CustomerReactivated', { readonly reason?: string }>;
export type PersonalDataErased = EventOf<'PersonalDataErased', { readonly keyId: string; readonly requestedBy: string }>;

export type CustomerEvent =
  | CustomerAcquired
  | CustomerActivated
  | CustomerProfileUpdated
  | TransactionRecorded
  | ComplaintFiled
  | ComplaintEscalated
  | ComplaintResolved
  | ComplaintAssigned
  | ComplaintStageChanged
  | ComplaintExtended
  | ComplaintBreachWarned
  | ComplaintBreached
  | SatisfactionRecorded
  | PointsRedeemed
  | LoyaltyTierChanged
  | RetentionAlertRaised
  | ChurnRiskAssessed
  | RetentionActionRecorded
  | RetentionActionOutcomeRecorded
  | CustomerChurned
  | CustomerReactivated
  | PersonalDataErased;

export type CustomerEventType = CustomerEvent['type'];

/** Current payload version of every event type; bump one and add an upcaster (customer.upcasters.ts) when its shape changes. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<CustomerEventType, number>> = {
  CustomerAcquired: 1,
  CustomerActivated: 2,
  CustomerProfileUpdated: 1,
  TransactionRecorded: 2,
  ComplaintFiled: 1,
  ComplaintEscalated: 1,
  ComplaintResolved: 1,
  ComplaintAssigned: 1,
  ComplaintStageChanged: 1,
  ComplaintExtended: 1,
  ComplaintBreachWarned: 1,
  ComplaintBreached: 1,
  SatisfactionRecorded: 1,
  PointsRedeemed: 1,
  LoyaltyTierChanged: 1,
  RetentionAlertRaised: 1,
  ChurnRiskAssessed: 1,
  RetentionActionRecorded: 1,
  RetentionActionOutcomeRecorded: 1,
  CustomerChurned: 1,
  CustomerReactivated: 1,
  PersonalDataErased: 1,
};

export const CUSTOMER_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as readonly CustomerEventType[];

export function isCustomerEventType(type: string): type is CustomerEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}
