import { TextField } from '../../http/fields';
import { CommandRequest } from './common.request';

export class ChurnCustomerRequest extends CommandRequest {
  @TextField(500, { example: 'moved to a competitor' }) reason!: string;
}

export class ReactivateCustomerRequest extends CommandRequest {
  @TextField(500, { isOptional: true, example: 'returned after retention offer' }) reason?: string;
}
