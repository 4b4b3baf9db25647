import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryResult } from '../../http/outcomes';
import { Access } from '../../security/access.decorator';
import { GetProjectionStatus } from './get-projection-status.query';
import { ProjectionStatusRequest } from './projection-status.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "Each projection's checkpoint (position), the store's head, and the lag between them" })
  async status(@Query() _request: ProjectionStatusRequest) {
    const view = await this.queryBus.execute(new GetProjectionStatus());
    const positions = view.projections.map((p) => p.position);
    return new QueryResult({ kind: 'found', body: view, position: positions.length === 0 ? 0 : Math.min(...positions) });
  }
}
