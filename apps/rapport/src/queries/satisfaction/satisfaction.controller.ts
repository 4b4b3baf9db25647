import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/kernel';
import { CSV_TABLES } from '../../http/csv/csv-tables';
import { Access } from '../../security/access.decorator';
import { CLOCK } from '../../wiring/tokens';
import { periodOf } from '../shared/period.request';
import { OfferedAsCsv, QueryResult } from '../../http/outcomes';
import { GetSatisfactionTrends } from './satisfaction-trends.query';
import { SatisfactionTrendsRequest } from './satisfaction-trends.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/satisfaction')
export class SatisfactionController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('trends')
  @ApiOperation({ summary: 'CSAT and NPS by period (UTC day, ISO week, month) overall or by channel, touchpoint or segment' })
  async trends(@Query() request: SatisfactionTrendsRequest) {
    const { from, to } = periodOf(request, this.clock.now());
    const query = new GetSatisfactionTrends(request.granularity ?? 'day', request.by ?? 'overall', from, to, request.minPosition);
    return new OfferedAsCsv(CSV_TABLES.satisfactionTrends, new QueryResult(await this.queryBus.execute(query)));
  }
}
