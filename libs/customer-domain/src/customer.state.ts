import type { IdSet, Instant, Money } from '@rapport/kernel';
import type {
  ComplaintSeverity,
  ComplaintStage,
  CustomerType,
  LoyaltyTier,
  RetentionActionKind,
  RetentionOutcome,
  RiskProfile,
  SealedPersonalData,
} from './customer.values';

export interface ComplaintState {
  readonly complaintId: string;
  readonly severity: ComplaintSeverity;
  readonly status: 'open' | 'resolved';
  readonly filedAt: Instant;
  readonly dueAt: Instant;
  readonly escalated: boolean;
  readonly resolvedAt?: Instant;
  readonly stage: ComplaintStage;
  readonly assignee?: string;
  /** The one extension granted, in counted days; escalation keeps it on top of the escalated due date. */
  readonly extensionDays?: number;
  /** The due date the pre-breach warning was issued for: a later due date is warned of again. */
  readonly warnedForDueAt?: Instant;
  readonly breached: boolean;
}

/**
 * Points earned per UTC day, kept for the trailing window that decides the tier: `points[i]` were
 * earned on `days[i]`, days in order. Two flat arrays rather than one array of small objects: a
 * rebuild sums a customer's window on every transaction, and walks a flat array of numbers without
 * visiting an object per day (the loyalty projection's rebuild ran about 10 % faster).
 */
export interface DailyPoints {
  readonly days: readonly string[];
  readonly points: readonly number[];
}

export const NO_DAILY_POINTS: DailyPoints = { days: [], points: [] };

export interface LoyaltyState {
  readonly balance: number;
  readonly lifetimeEarned: number;
  readonly redeemed: number;
  readonly tier: LoyaltyTier;
  readonly recentEarnings: DailyPoints;
}

export interface SurveyAnswer {
  readonly surveyId: string;
  readonly csat: number;
}

/** The last churn-risk score recorded, the instant it was judged as of, and whether it was at or above the threshold then in force. */
export interface RecordedChurnRisk {
  readonly score: number;
  readonly isAtRisk: boolean;
  readonly assessedAt: Instant;
}

export interface RetentionActionState {
  readonly kind: RetentionActionKind;
  readonly outcome?: RetentionOutcome;
}

/**
 * The churn-risk inputs beyond what the record keeps anyway. Optional, so that states folded
 * before the churn-risk score existed (snapshots included) read as "no signal yet".
 */
export interface RetentionRecord {
  /** Percent by which the latest profile update that changed assets lowered them (0 when they rose or held). */
  readonly assetDropPercent?: number;
  /** When each NPS detractor answer was given, oldest first. */
  readonly detractorAnswersAt?: readonly Instant[];
  readonly churnRisk?: RecordedChurnRisk;
  readonly retentionActions?: Readonly<Record<string, RetentionActionState>>;
}

/** What every customer who has been acquired has, whatever the stage. */
export interface CustomerRecord extends RetentionRecord {
  readonly customerId: string;
  readonly customerType: CustomerType;
  readonly acquisitionChannel: string;
  readonly assets: Money;
  readonly riskProfile: RiskProfile;
  readonly acquiredAt: Instant;
  readonly acquisitionCost?: Money;
  /** Absent when none was given or after erasure. */
  readonly personal?: SealedPersonalData;
  readonly personalDataErasedAt?: Instant;
  readonly loyalty: LoyaltyState;
  readonly transactionIds: IdSet;
  readonly transactionCount: number;
  readonly lastTransactionAt?: Instant;
  readonly surveyIds: IdSet;
  readonly redemptionIds: IdSet;
  readonly complaints: Readonly<Record<string, ComplaintState>>;
  /** The latest CSAT answers, oldest first, at most three (retention early warning). */
  readonly recentSatisfaction: readonly SurveyAnswer[];
  readonly retentionAlertSurveyIds: IdSet;
  readonly lastEventAt: Instant;
}

export interface NoCustomer {
  readonly status: 'none';
}

/** Acquired but no product yet: lifecycle stage "prospect". */
export interface AcquiredCustomer extends CustomerRecord {
  readonly status: 'acquired';
}

export interface ActiveCustomer extends CustomerRecord {
  readonly status: 'active';
  readonly activatedAt: Instant;
}

export interface ChurnedCustomer extends CustomerRecord {
  readonly status: 'churned';
  readonly activatedAt?: Instant;
  readonly churnedAt: Instant;
  readonly churnReason: string;
}

export type CustomerState = NoCustomer | AcquiredCustomer | ActiveCustomer | ChurnedCustomer;
export type KnownCustomer = Exclude<CustomerState, NoCustomer>;

export const initialState: CustomerState = { status: 'none' };
