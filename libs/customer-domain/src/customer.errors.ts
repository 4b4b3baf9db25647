/** Stable kebab-case codes: they double as the problem `type` suffix (style.md §3). */
export const DOMAIN_ERROR_CODES = [
  'customer-not-found',
  'customer-already-acquired',
  'customer-already-active',
  'customer-not-active',
  'customer-churned',
  'customer-not-churned',
  'insufficient-points',
  'complaint-not-found',
  'complaint-not-open',
  'complaint-already-escalated',
  'complaint-already-extended',
  'complaint-extension-too-long',
  'complaint-breached',
  'complaint-stage-transition-invalid',
  'retention-alert-not-warranted',
  'retention-action-not-found',
  'retention-action-outcome-already-recorded',
  'personal-data-already-erased',
  'nothing-to-update',
  'conflicting-duplicate',
  'occurred-before-acquisition',
  'occurred-in-the-future',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  readonly kind: 'domain-error';
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function domainError(code: DomainErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return details ? { kind: 'domain-error', code, message, details } : { kind: 'domain-error', code, message };
}

export function isDomainError(value: unknown): value is DomainError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'domain-error';
}
