import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from '@rapport/customer-domain';
import { ChoiceField, TextField } from '../../http/fields';
import { BusinessIdField, CommandRequest } from './common.request';

export class FileComplaintRequest extends CommandRequest {
  @BusinessIdField('complaintId', 'CMP-88') complaintId!: string;
  @TextField(64, { example: 'fees' }) category!: string;
  @ChoiceField(COMPLAINT_SEVERITIES) severity!: ComplaintSeverity;
  @TextField(64, { example: 'call-centre' }) channel!: string;
}

export class EscalateComplaintRequest extends CommandRequest {
  @TextField(500, { example: 'no answer within 10 days' }) reason!: string;
}

export class ResolveComplaintRequest extends CommandRequest {
  @TextField(500, { example: 'fee refunded' }) resolution!: string;
}
