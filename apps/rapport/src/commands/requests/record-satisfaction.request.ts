import { TextField, WholeNumberField } from '../../http/fields';
import { BusinessIdField, CommandRequest } from './common.request';

export class RecordSatisfactionRequest extends CommandRequest {
  @BusinessIdField('surveyId', 'S-5521') surveyId!: string;
  @WholeNumberField(1, 5) csat!: number;
  @WholeNumberField(0, 10, { isOptional: true }) nps?: number;
  @TextField(64, { example: 'account-opening' }) touchpoint!: string;
  @TextField(64, { example: 'mobile-app' }) channel!: string;
}
