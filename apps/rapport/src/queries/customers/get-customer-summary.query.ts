import { Query } from '@nestjs/cqrs';
import type { CustomerSummaryView, CustomerValueView } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

/** The customer 360 and its per-customer value (null until the analytics read model has the customer). */
export type CustomerSummaryWithValue = CustomerSummaryView & { readonly value: Omit<CustomerValueView, 'customerId'> | null };

export class GetCustomerSummary extends Query<ReadResult<CustomerSummaryWithValue>> {
  constructor(
    readonly customerId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
