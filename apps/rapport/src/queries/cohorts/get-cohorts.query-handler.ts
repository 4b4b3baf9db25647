import { DAY_MS } from '@rapport/kernel';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cohortsView, type ReadModelConfig } from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import type { ReadResult } from '../../http/outcomes';
import { AnalyticsBook, ANALYTICS_PROJECTIONS } from '../analytics/analytics-book';
import { ReadGate } from '../shared/read-gate';
import { GetCohorts, type CohortsView } from './get-cohorts.query';

/** Revenue is reported in the book currency, the one value contribution (RFM) is judged in. */
@QueryHandler(GetCohorts)
export class GetCohortsHandler implements IQueryHandler<GetCohorts, ReadResult<CohortsView>> {
  constructor(
    private readonly book: AnalyticsBook,
    private readonly gate: ReadGate,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
  ) {}

  execute({ granularity, from, to, now, minPosition }: GetCohorts): Promise<ReadResult<CohortsView>> {
    return this.gate.read(ANALYTICS_PROJECTIONS, minPosition, async () => {
      const currency = this.config.segmentation.rfm.monetaryCurrency;
      const asOf = now.toISOString();
      const query = {
        granularity,
        from: `${from}T00:00:00.000Z`,
        to: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString(),
        asOf,
      };
      return { granularity, from, to, asOf, currency, cohorts: cohortsView(await this.book.customers(), query, currency) };
    });
  }
}
