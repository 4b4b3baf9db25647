import type {
  ChurnRiskAssessed,
  ComplaintBreachWarned,
  CustomerChurned,
  LoyaltyTierChanged,
  RetentionAlertRaised,
} from '@rapport/customer-domain';

/** Payloads of the customer-domain events the signals read, as stored. */
export type RetentionAlertRaisedData = RetentionAlertRaised['data'];

export type ChurnRiskAssessedData = ChurnRiskAssessed['data'];

/** ComplaintBreachWarned and ComplaintBreached carry the same fields. */
export type ComplaintDeadlineData = ComplaintBreachWarned['data'];

export type LoyaltyTierChangedData = LoyaltyTierChanged['data'];

export type CustomerChurnedData = CustomerChurned['data'];
