import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/kernel';
import { Access } from '../../security/access.decorator';
import { QueryResult } from '../../http/outcomes';
import { CLOCK } from '../../wiring/tokens';
import { cohortPeriodOf, CohortsRequest } from './cohorts.request';
import { GetCohorts } from './get-cohorts.query';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/cohorts')
export class CohortsController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Customers grouped by activation period: share still active after each period (retention triangle) and revenue',
  })
  async cohorts(@Query() request: CohortsRequest) {
    const now = this.clock.now();
    const { from, to } = cohortPeriodOf(request, now);
    return new QueryResult(await this.queryBus.execute(new GetCohorts(request.granularity ?? 'month', from, to, now, request.minPosition)));
  }
}
