import { COMPLAINT_SEVERITIES, COMPLAINT_WORK_STAGES, type ComplaintSeverity, type ComplaintWorkStage } from '@rapport/customer-domain';
import { ChoiceField, TextField, WholeNumberField } from '../../http/fields';
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

export class AssignComplaintRequest extends CommandRequest {
  /** A staff id, not a name: no free text, so nothing here needs sealing. */
  @BusinessIdField('assignee', 'agent-7') assignee!: string;
}

export class ChangeComplaintStageRequest extends CommandRequest {
  @ChoiceField(COMPLAINT_WORK_STAGES, { description: 'filed → investigating → responded; resolution has its own route' })
  stage!: ComplaintWorkStage;
}

export class ExtendComplaintRequest extends CommandRequest {
  @WholeNumberField(1, 30, { description: 'Days added to the due date, counted as the complaint clock counts them' }) days!: number;
  @TextField(500, { example: 'waiting for the insurer' }) reason!: string;
  @BusinessIdField('approver', 'head-of-complaints') approver!: string;
}
