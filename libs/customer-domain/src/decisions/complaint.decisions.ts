import type { EscalateComplaint, FileComplaint, ResolveComplaint } from '../customer.commands';
import type { DomainConfig } from '../customer.config';
import { domainError, isDomainError, type DomainError } from '../customer.errors';
import type { ComplaintState, KnownCustomer } from '../customer.state';
import { complaintDueAt, resolutionHours } from '../policies/complaints.policy';
import { duplicate, stamp, type Decision } from './decision';

/** Complaints are handled in every stage, churned included (design.md §2). */
export function fileComplaint(command: FileComplaint, state: KnownCustomer, config: DomainConfig): Decision {
  const { complaintId, category, severity, channel } = command.data;
  if (state.complaints[complaintId] !== undefined) return duplicate();
  const dueAt = complaintDueAt(command.occurredAt, false, config.complaints);
  return [{ type: 'ComplaintFiled', data: { ...stamp(command), complaintId, category, severity, channel, dueAt } }];
}

export function escalateComplaint(command: EscalateComplaint, state: KnownCustomer, config: DomainConfig): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  if (complaint.escalated) {
    return domainError('complaint-already-escalated', `complaint ${complaint.complaintId} is already escalated`, {
      complaintId: complaint.complaintId,
    });
  }
  const dueAt = complaintDueAt(complaint.filedAt, true, config.complaints);
  const { complaintId, reason } = command.data;
  return [{ type: 'ComplaintEscalated', data: { ...stamp(command), complaintId, reason, dueAt } }];
}

export function resolveComplaint(command: ResolveComplaint, state: KnownCustomer): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  const { complaintId, resolution } = command.data;
  const hours = resolutionHours(complaint.filedAt, command.occurredAt);
  return [{ type: 'ComplaintResolved', data: { ...stamp(command), complaintId, resolution, resolutionHours: hours } }];
}

function openComplaint(state: KnownCustomer, complaintId: string): ComplaintState | DomainError {
  const complaint = state.complaints[complaintId];
  if (complaint === undefined) {
    return domainError('complaint-not-found', `complaint ${complaintId} was never filed`, { complaintId });
  }
  if (complaint.status !== 'open') {
    return domainError('complaint-not-open', `complaint ${complaintId} is ${complaint.status}`, { complaintId });
  }
  return complaint;
}
