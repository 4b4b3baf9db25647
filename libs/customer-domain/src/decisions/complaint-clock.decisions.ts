import type { RecordComplaintBreach, WarnOfComplaintBreach } from '../customer.commands';
import type { DomainConfig } from '../customer.config';
import { domainError } from '../customer.errors';
import type { KnownCustomer } from '../customer.state';
import { preBreachWarningAt } from '../policies/complaint-clock.policy';
import { isOverdue } from '../policies/complaints.policy';
import { duplicate, stamp, type Decision } from './decision';

/*
 * The sweep issues these as time passes (contracts: "sweeps"); each judges the command's instant
 * against the recorded due date, so repeating a sweep at the same or a later instant appends
 * nothing new. Nothing to do — a resolved complaint, a warning already given for this due date,
 * an instant before the warning — is a no-op rather than a refusal: time, not a caller, asked.
 */

export function warnOfComplaintBreach(command: WarnOfComplaintBreach, state: KnownCustomer, config: DomainConfig): Decision {
  const { complaintId } = command.data;
  const complaint = state.complaints[complaintId];
  if (complaint === undefined) return complaintNotFound(complaintId);
  const isWarningDue = Date.parse(command.occurredAt) >= Date.parse(preBreachWarningAt(complaint.dueAt, config.complaints));
  const isSettled = complaint.status !== 'open' || complaint.breached || complaint.warnedForDueAt === complaint.dueAt;
  if (isSettled || !isWarningDue) return duplicate();
  return [{ type: 'ComplaintBreachWarned', data: { ...stamp(command), complaintId, dueAt: complaint.dueAt } }];
}

/** Breached when still open strictly after the due date (complaints.policy.ts isOverdue), once. */
export function recordComplaintBreach(command: RecordComplaintBreach, state: KnownCustomer): Decision {
  const { complaintId } = command.data;
  const complaint = state.complaints[complaintId];
  if (complaint === undefined) return complaintNotFound(complaintId);
  if (complaint.breached || !isOverdue(complaint, command.occurredAt)) return duplicate();
  return [{ type: 'ComplaintBreached', data: { ...stamp(command), complaintId, dueAt: complaint.dueAt } }];
}

function complaintNotFound(complaintId: string): Decision {
  return domainError('complaint-not-found', `complaint ${complaintId} was never filed`, { complaintId });
}
