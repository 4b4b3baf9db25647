import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@rapport/kernel';
import {
  CUSTOMER_ANALYTICS,
  CUSTOMER_SUMMARY,
  customerSummaryView,
  customerValueOf,
  type CustomerAnalyticsHeader,
  type CustomerSummary,
  type ReadModelConfig,
  type ReadModelStore,
  type Stamped,
} from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { CLOCK, READ_MODEL_STORE } from '../../wiring/tokens';
import { AnalyticsBook } from '../analytics/analytics-book';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { GetCustomerSummary, type CustomerSummaryWithValue } from './get-customer-summary.query';

/** The customer 360 with its per-customer value; lifecycle stage, segment and value are judged as of now (the injected clock). */
@QueryHandler(GetCustomerSummary)
export class GetCustomerSummaryHandler implements IQueryHandler<GetCustomerSummary, ReadResult<CustomerSummaryWithValue>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
    private readonly book: AnalyticsBook,
  ) {}

  execute({ customerId, minPosition }: GetCustomerSummary): Promise<ReadResult<CustomerSummaryWithValue>> {
    return this.gate.read(['customer-summary', 'analytics'], minPosition, async () => {
      const summary = await this.store.get<Stamped<CustomerSummary>>(CUSTOMER_SUMMARY, customerId);
      if (summary === null) return undefined;
      const now = this.clock.now();
      return { ...customerSummaryView(summary, now, this.config), value: await this.valueOf(customerId, now) };
    });
  }

  private async valueOf(customerId: string, now: Date): Promise<CustomerSummaryWithValue['value']> {
    const analytics = await this.store.get<Stamped<CustomerAnalyticsHeader>>(CUSTOMER_ANALYTICS, customerId);
    if (analytics === null) return null;
    const { valueToDate, projectedValue, expectedFutureMonths } = customerValueOf(analytics, now, await this.book.retentionCurves(now));
    return { valueToDate, projectedValue, expectedFutureMonths };
  }
}
