import type {
  AssignComplaint,
  ChangeComplaintStage,
  EscalateComplaint,
  ExtendComplaint,
  FileComplaint,
  ResolveComplaint,
} from '../customer.commands';
import type { DomainConfig } from '../customer.config';
import { domainError, isDomainError, type DomainError } from '../customer.errors';
import type { ComplaintState, KnownCustomer } from '../customer.state';
import type { ComplaintStage, ComplaintWorkStage } from '../customer.values';
import { complaintDueAtOnClock, extendedDueAt } from '../policies/complaint-clock.policy';
import { resolutionHours } from '../policies/complaints.policy';
import { duplicate, stamp, type Decision } from './decision';

/** Complaints are handled in every stage, churned included (design.md §2). */
export function fileComplaint(command: FileComplaint, state: KnownCustomer, config: DomainConfig): Decision {
  const { complaintId, category, severity, channel } = command.data;
  if (state.complaints[complaintId] !== undefined) return duplicate();
  const dueAt = complaintDueAtOnClock(command.occurredAt, false, config.complaints);
  return [{ type: 'ComplaintFiled', data: { ...stamp(command), complaintId, category, severity, channel, dueAt } }];
}

/** The escalated due date counts from filing; an extension granted before still applies on top of it. */
export function escalateComplaint(command: EscalateComplaint, state: KnownCustomer, config: DomainConfig): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  if (complaint.escalated) {
    return domainError('complaint-already-escalated', `complaint ${complaint.complaintId} is already escalated`, {
      complaintId: complaint.complaintId,
    });
  }
  const escalatedDueAt = complaintDueAtOnClock(complaint.filedAt, true, config.complaints);
  const dueAt = extendedDueAt(escalatedDueAt, complaint.extensionDays ?? 0, config.complaints);
  const { complaintId, reason } = command.data;
  return [{ type: 'ComplaintEscalated', data: { ...stamp(command), complaintId, reason, dueAt } }];
}

/** A complaint may be resolved from any open stage. */
export function resolveComplaint(command: ResolveComplaint, state: KnownCustomer): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  const { complaintId, resolution } = command.data;
  const hours = resolutionHours(complaint.filedAt, command.occurredAt);
  return [{ type: 'ComplaintResolved', data: { ...stamp(command), complaintId, resolution, resolutionHours: hours } }];
}

/** Assigning the assignee it already has appends nothing. */
export function assignComplaint(command: AssignComplaint, state: KnownCustomer): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  if (complaint.assignee === command.data.assignee) return duplicate();
  const { complaintId, assignee } = command.data;
  return [{ type: 'ComplaintAssigned', data: { ...stamp(command), complaintId, assignee } }];
}

/** The stage each work stage must follow: filed → investigating → responded (then resolution). */
const PREVIOUS_STAGE: Readonly<Record<ComplaintWorkStage, ComplaintStage>> = { investigating: 'filed', responded: 'investigating' };

export function changeComplaintStage(command: ChangeComplaintStage, state: KnownCustomer): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  const { complaintId, stage } = command.data;
  if (complaint.stage !== PREVIOUS_STAGE[stage]) {
    return domainError('complaint-stage-transition-invalid', `complaint ${complaintId} cannot move from ${complaint.stage} to ${stage}`, {
      complaintId,
      from: complaint.stage,
      to: stage,
    });
  }
  return [{ type: 'ComplaintStageChanged', data: { ...stamp(command), complaintId, stage } }];
}

/** At most once, at most `maxExtensionDays`, and not once the complaint has breached its due date. */
export function extendComplaint(command: ExtendComplaint, state: KnownCustomer, config: DomainConfig): Decision {
  const complaint = openComplaint(state, command.data.complaintId);
  if (isDomainError(complaint)) return complaint;
  const refusal = extensionRefusal(complaint, command.data.days, config);
  if (refusal !== undefined) return refusal;
  const { complaintId, days, reason, approver } = command.data;
  const dueAt = extendedDueAt(complaint.dueAt, days, config.complaints);
  return [{ type: 'ComplaintExtended', data: { ...stamp(command), complaintId, days, reason, approver, dueAt } }];
}

function extensionRefusal(complaint: ComplaintState, days: number, config: DomainConfig): DomainError | undefined {
  const { complaintId } = complaint;
  if (complaint.extensionDays !== undefined) {
    return domainError('complaint-already-extended', `complaint ${complaintId} was already extended`, { complaintId });
  }
  if (complaint.breached) {
    return domainError('complaint-breached', `complaint ${complaintId} breached its due date`, { complaintId, dueAt: complaint.dueAt });
  }
  const max = config.complaints.maxExtensionDays;
  if (days > max) {
    return domainError('complaint-extension-too-long', `an extension adds at most ${max} days`, { complaintId, days, maxDays: max });
  }
  return undefined;
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
