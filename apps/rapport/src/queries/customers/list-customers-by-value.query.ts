import { Query } from '@nestjs/cqrs';
import type { CustomerValueView } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export interface CustomersByValuePage {
  readonly customers: readonly CustomerValueView[];
  readonly next: string | null;
}

export class ListCustomersByValue extends Query<ReadResult<CustomersByValuePage>> {
  constructor(
    readonly limit: number,
    readonly now: Date,
    readonly cursor?: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
