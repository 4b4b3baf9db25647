import { compareInstants, type Instant } from '@rapport/kernel';
import type { ComplaintState } from '../customer.state';
import { roundedToHundredths } from './rounding';

const HOUR_MS = 3_600_000;

/** Overdue when still open strictly after its due date: at the due instant itself it is not. */
export function isOverdue(complaint: Pick<ComplaintState, 'status' | 'dueAt'>, now: Instant): boolean {
  return complaint.status === 'open' && compareInstants(now, complaint.dueAt) > 0;
}

/** Hours from filing to resolution, 2 decimals. */
export function resolutionHours(filedAt: Instant, resolvedAt: Instant): number {
  return roundedToHundredths(Date.parse(resolvedAt) - Date.parse(filedAt), HOUR_MS);
}
