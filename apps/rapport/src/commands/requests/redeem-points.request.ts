import { TextField, WholeNumberField } from '../../http/fields';
import { BusinessIdField, CommandRequest } from './common.request';

export class RedeemPointsRequest extends CommandRequest {
  @BusinessIdField('redemptionId', 'R-301') redemptionId!: string;
  @WholeNumberField(1, 100_000_000) points!: number;
  @TextField(128, { example: 'airport-lounge' }) reward!: string;
}
