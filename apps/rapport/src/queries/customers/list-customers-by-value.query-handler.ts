import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { customerValues, pageByValue, type CustomerValueView } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';
import { AnalyticsBook, ANALYTICS_PROJECTIONS } from '../analytics/analytics-book';
import { ReadGate } from '../shared/read-gate';
import { ListCustomersByValue, type CustomersByValuePage } from './list-customers-by-value.query';

@QueryHandler(ListCustomersByValue)
export class ListCustomersByValueHandler implements IQueryHandler<ListCustomersByValue, ReadResult<CustomersByValuePage>> {
  constructor(
    private readonly book: AnalyticsBook,
    private readonly gate: ReadGate,
  ) {}

  execute({ limit, now, cursor, minPosition }: ListCustomersByValue): Promise<ReadResult<CustomersByValuePage>> {
    return this.gate.read(ANALYTICS_PROJECTIONS, minPosition, async () => {
      const values: CustomerValueView[] = customerValues(await this.book.customers(), now);
      const page = pageByValue(values, limit, cursor);
      return { customers: page.documents, next: page.next };
    });
  }
}
