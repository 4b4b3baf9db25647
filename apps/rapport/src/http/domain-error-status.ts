import type { DomainErrorCode } from '@rapport/customer-domain';

/** The only map from domain rules to HTTP statuses (style.md §8); a new code without a status does not compile. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  'customer-not-found': 404,
  'customer-already-acquired': 409,
  'customer-already-active': 409,
  'customer-not-active': 409,
  'customer-churned': 409,
  'customer-not-churned': 409,
  'insufficient-points': 409,
  'complaint-not-found': 404,
  'complaint-not-open': 409,
  'complaint-already-escalated': 409,
  'complaint-already-extended': 409,
  'complaint-extension-too-long': 409,
  'complaint-breached': 409,
  'complaint-stage-transition-invalid': 409,
  'retention-alert-not-warranted': 409,
  'retention-action-not-found': 404,
  'retention-action-outcome-already-recorded': 409,
  'personal-data-already-erased': 409,
  'nothing-to-update': 400,
  'conflicting-duplicate': 409,
  // bad input only the customer's history can reveal: answered like a validation failure, naming the field
  'occurred-before-acquisition': 400,
  'occurred-in-the-future': 400,
};
