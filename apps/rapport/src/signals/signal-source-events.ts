/**
 * Payloads of the source events the signals read, as stored (contracts.md). RetentionAlertRaised and
 * CustomerChurned are customer-domain events already; the others are added by the risk, complaints
 * and fixes branches and are declared here, by their stored shape, until those branches are merged.
 */
interface SourceData {
  readonly customerId: string;
  readonly occurredAt: string;
}

export interface RetentionAlertRaisedData extends SourceData {
  readonly surveyId: string;
  readonly recentScores: readonly number[];
}

export interface ChurnRiskAssessedData extends SourceData {
  readonly score: number;
  readonly threshold: number;
  readonly crossed: 'above' | 'below' | null;
}

export interface ComplaintDeadlineData extends SourceData {
  readonly complaintId: string;
  readonly dueAt: string;
}

export interface LoyaltyTierChangedData extends SourceData {
  readonly from: string;
  readonly to: string;
  readonly cause: 'earned' | 'redeemed' | 'window-lapsed';
  readonly windowStartDay: string;
}

export type CustomerChurnedData = SourceData;
