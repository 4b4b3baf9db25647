import { Query } from '@nestjs/cqrs';
import type { CustomerSummaryView } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export class GetCustomerSummary extends Query<ReadResult<CustomerSummaryView>> {
  constructor(
    readonly customerId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
