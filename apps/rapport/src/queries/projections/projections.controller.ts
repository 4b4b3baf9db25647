import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../security/access.decorator';
import { POSITION_HEADER } from '../shared/send-read';
import { GetProjectionStatus } from './get-projection-status.query';
import { ProjectionStatusRequest } from './projection-status.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get() @ApiOperation({ summary: "Each projection's checkpoint (position), the store's head, and the lag between them" })
  async status(@Query() _request: ProjectionStatusRequest, @Res() res: Response): Promise<void> {
    const view = await this.queryBus.execute(new GetProjectionStatus());
    const positions = view.projections.map((p) => p.position);
    res.setHeader(POSITION_HEADER, String(positions.length === 0 ? 0 : Math.min(...positions)));
    res.status(200).json(view);
  }
}
