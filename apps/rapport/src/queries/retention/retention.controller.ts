import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryResult } from '../../http/outcomes';
import { Access } from '../../security/access.decorator';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.request';
import { GetWorklist } from './get-worklist.query';
import { WorklistRequest } from './worklist.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/retention')
export class RetentionController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('worklist')
  @ApiOperation({
    summary: 'Customers at churn risk, highest score first: score, reasons, at risk since, last retention action and its outcome',
  })
  async worklist(@Query() request: WorklistRequest) {
    const { minScore, segment, cursor, minPosition } = request;
    const query = {
      limit: request.limit ?? DEFAULT_PAGE_SIZE,
      ...(minScore === undefined ? {} : { minScore }),
      ...(segment === undefined ? {} : { segment }),
      ...(cursor === undefined ? {} : { cursor }),
    };
    return new QueryResult(await this.queryBus.execute(new GetWorklist(query, minPosition)));
  }
}
