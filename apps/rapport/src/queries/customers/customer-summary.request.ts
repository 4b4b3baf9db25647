import { ReadQueryRequest } from '../shared/read-query.request';

/** GET /v1/customers/{id} takes nothing but `minPosition`. */
export class CustomerSummaryRequest extends ReadQueryRequest {}
