import { TextField } from '../../http/fields';
import { CommandRequest } from './common.request';

export class ActivateCustomerRequest extends CommandRequest {
  @TextField(64, { example: 'savings-account' }) product!: string;
}
