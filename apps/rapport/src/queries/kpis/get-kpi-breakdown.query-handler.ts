import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { kpiBreakdown, type ReadModelConfig } from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import type { ReadResult } from '../../http/outcomes';
import { AnalyticsBook, ANALYTICS_PROJECTIONS } from '../analytics/analytics-book';
import { ReadGate } from '../shared/read-gate';
import { GetKpiBreakdown, type KpiBreakdownView } from './get-kpi-breakdown.query';

@QueryHandler(GetKpiBreakdown)
export class GetKpiBreakdownHandler implements IQueryHandler<GetKpiBreakdown, ReadResult<KpiBreakdownView>> {
  constructor(
    private readonly book: AnalyticsBook,
    private readonly gate: ReadGate,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
  ) {}

  execute({ from, to, by, now, minPosition }: GetKpiBreakdown): Promise<ReadResult<KpiBreakdownView>> {
    return this.gate.read(ANALYTICS_PROJECTIONS, minPosition, async () => ({
      from,
      to,
      by,
      groups: kpiBreakdown(await this.book.customers(), by, { from, to }, now, this.config),
    }));
  }
}
