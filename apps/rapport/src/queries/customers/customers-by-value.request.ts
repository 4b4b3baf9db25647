import { ChoiceField } from '../../http/fields';
import { PageRequest } from '../shared/read-query.request';

/** GET /v1/customers?sort=clv: the one listing of customers, by per-customer value. */
export class CustomersByValueRequest extends PageRequest {
  @ChoiceField(['clv'], { description: 'Order: `clv`, projected per-customer value, highest first' })
  sort!: 'clv';
}
