import { addDays, compareInstants, instantOf, type Instant } from '@rapport/kernel';
import type { ComplaintState } from '../customer.state';
import { roundedToHundredths } from './rounding';

export interface ComplaintsConfig {
  /** Days from filing to the due date; a day is 24 hours (all times are UTC). */
  readonly dueDays: number;
  readonly escalatedDueDays: number;
}

/** Defaults from design.md §2 (Complaints). */
export const defaultComplaintsConfig: ComplaintsConfig = { dueDays: 15, escalatedDueDays: 30 };

const HOUR_MS = 3_600_000;

/** Due date, counted from filing both before and after escalation (ISO 8601 UTC). */
export function complaintDueAt(filedAt: Instant, isEscalated: boolean, config: ComplaintsConfig): Instant {
  const days = isEscalated ? config.escalatedDueDays : config.dueDays;
  return instantOf(addDays(new Date(filedAt), days));
}

/** Overdue when still open strictly after its due date: at the due instant itself it is not. */
export function isOverdue(complaint: Pick<ComplaintState, 'status' | 'dueAt'>, now: Instant): boolean {
  return complaint.status === 'open' && compareInstants(now, complaint.dueAt) > 0;
}

/** Hours from filing to resolution, 2 decimals. */
export function resolutionHours(filedAt: Instant, resolvedAt: Instant): number {
  return roundedToHundredths(Date.parse(resolvedAt) - Date.parse(filedAt), HOUR_MS);
}
