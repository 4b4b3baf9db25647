import type { ComplaintBreachWarned, CustomerChurned, RetentionAlertRaised } from '@rapport/customer-domain';

/**
 * Payloads of the source events the signals read, as stored (contracts.md). ChurnRiskAssessed and
 * LoyaltyTierChanged are added by the risk and fixes branches and are declared here, by their
 * stored shape, until those branches are merged; the others are customer-domain events.
 */
interface SourceData {
  readonly customerId: string;
  readonly occurredAt: string;
}

export type RetentionAlertRaisedData = RetentionAlertRaised['data'];

export interface ChurnRiskAssessedData extends SourceData {
  readonly score: number;
  readonly threshold: number;
  readonly crossed: 'above' | 'below' | null;
}

/** ComplaintBreachWarned and ComplaintBreached carry the same fields. */
export type ComplaintDeadlineData = ComplaintBreachWarned['data'];

export interface LoyaltyTierChangedData extends SourceData {
  readonly from: string;
  readonly to: string;
  readonly cause: 'earned' | 'redeemed' | 'window-lapsed';
  readonly windowStartDay: string;
}

export type CustomerChurnedData = CustomerChurned['data'];
