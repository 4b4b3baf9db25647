import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@rapport/kernel';
import {
  CUSTOMER_SUMMARY,
  customerSummaryView,
  type CustomerSummary,
  type CustomerSummaryView,
  type ReadModelConfig,
  type ReadModelStore,
  type Stamped,
} from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { CLOCK, READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { GetCustomerSummary } from './get-customer-summary.query';

/** The customer 360; lifecycle stage and segment are judged as of now (the injected clock). */
@QueryHandler(GetCustomerSummary)
export class GetCustomerSummaryHandler implements IQueryHandler<GetCustomerSummary, ReadResult<CustomerSummaryView>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
  ) {}

  execute({ customerId, minPosition }: GetCustomerSummary): Promise<ReadResult<CustomerSummaryView>> {
    return this.gate.read(['customer-summary'], minPosition, async () => {
      const summary = await this.store.get<Stamped<CustomerSummary>>(CUSTOMER_SUMMARY, customerId);
      return summary === null ? undefined : customerSummaryView(summary, this.clock.now(), this.config);
    });
  }
}
