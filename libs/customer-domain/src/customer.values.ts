import type { Money } from '@rapport/kernel';

export const CUSTOMER_TYPES = ['individual', 'corporate', 'institutional'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const RISK_PROFILES = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type RiskProfile = (typeof RISK_PROFILES)[number];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
/** A complaint is filed, worked through these stages in order, then resolved (issue #12). */
export const COMPLAINT_WORK_STAGES = ['investigating', 'responded'] as const;
export type ComplaintWorkStage = (typeof COMPLAINT_WORK_STAGES)[number];
export type ComplaintStage = 'filed' | ComplaintWorkStage | 'resolved';

export const LOYALTY_TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'] as const;
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];

export const RETENTION_ACTION_KINDS = ['call', 'offer', 'fee-waiver', 'advisor-meeting', 'email', 'other'] as const;
export type RetentionActionKind = (typeof RETENTION_ACTION_KINDS)[number];

export const RETENTION_OUTCOMES = ['retained', 'declined', 'no-answer'] as const;
export type RetentionOutcome = (typeof RETENTION_OUTCOMES)[number];

/**
 * Personal data sealed with the customer's data key (AES-256-GCM) before it reaches the domain.
 * The domain stores and passes it on; it never sees plaintext (design.md §7).
 */
export interface SealedPersonalData {
  readonly keyId: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

export type { Money };
