import { RETENTION_ACTION_KINDS, RETENTION_OUTCOMES, type RetentionActionKind, type RetentionOutcome } from '@rapport/customer-domain';
import { ChoiceField, TextField } from '../../http/fields';
import { CommandRequest } from './common.request';

export class RecordRetentionActionRequest extends CommandRequest {
  @ChoiceField(RETENTION_ACTION_KINDS) kind!: RetentionActionKind;
  @TextField(500, { isOptional: true, example: 'offered a fee waiver for a year' }) note?: string;
}

export class RecordRetentionOutcomeRequest extends CommandRequest {
  @ChoiceField(RETENTION_OUTCOMES) outcome!: RetentionOutcome;
}
