import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/kernel';
import { CSV_TABLES } from '../../http/csv/csv-tables';
import { Access } from '../../security/access.decorator';
import { CLOCK } from '../../wiring/tokens';
import { periodOf } from '../shared/period.request';
import { OfferedAsCsv, QueryResult } from '../../http/outcomes';
import { KnownAtKpis } from '../reports/known-at-kpis';
import { knownAtOf } from '../reports/reports.requests';
import { GetKpiBreakdown } from './get-kpi-breakdown.query';
import { GetKpis } from './get-kpis.query';
import { KpisRequest } from './kpis.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/kpis')
export class KpisController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly knownAtKpis: KnownAtKpis,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Acquired, activated, churned, churn and retention rate, CSAT, NPS, complaints (also by category and severity), resolution hours, CLV for a period; with `by`, per key of a dimension',
  })
  async kpis(@Query() request: KpisRequest) {
    return new OfferedAsCsv(CSV_TABLES.kpis, await this.report(request));
  }

  private async report(request: KpisRequest) {
    const now = this.clock.now();
    const { from, to } = periodOf(request, now);
    if (request.knownAt !== undefined) {
      const knownAt = knownAtOf(request.knownAt, now);
      const { report, position } = await this.knownAtKpis.report(from, to, knownAt);
      return { from, to, knownAt: knownAt.toISOString(), eventPosition: position, ...report };
    }
    if (request.by !== undefined)
      return new QueryResult(await this.queryBus.execute(new GetKpiBreakdown(from, to, request.by, now, request.minPosition)));
    return new QueryResult(await this.queryBus.execute(new GetKpis(from, to, request.minPosition)));
  }
}
