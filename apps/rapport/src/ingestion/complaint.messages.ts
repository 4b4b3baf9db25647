import { BusinessIdField } from '../commands/requests/common.request';
import { EscalateComplaintRequest, ResolveComplaintRequest } from '../commands/requests/complaint.request';

// Over HTTP the complaint id is in the path; a Kafka message has no path, so its data carries it.
// Everything else is the HTTP DTO itself, so the two edges cannot drift apart (style.md §7).

export class EscalateComplaintMessage extends EscalateComplaintRequest {
  @BusinessIdField('complaintId', 'CMP-88') complaintId!: string;
}

export class ResolveComplaintMessage extends ResolveComplaintRequest {
  @BusinessIdField('complaintId', 'CMP-88') complaintId!: string;
}
