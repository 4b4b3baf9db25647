import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CSV_TABLES } from '../../http/csv/csv-tables';
import { Access } from '../../security/access.decorator';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.request';
import { OfferedAsCsv, QueryResult } from '../../http/outcomes';
import { ListComplaintsRequest } from './complaints.request';
import { ListComplaints } from './list-complaints.query';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Complaints (open, overdue or resolved) with filedAt, dueAt, resolvedAt and resolution hours' })
  async list(@Query() request: ListComplaintsRequest) {
    const query = new ListComplaints(request.status, request.limit ?? DEFAULT_PAGE_SIZE, request.cursor, request.minPosition);
    return new OfferedAsCsv(CSV_TABLES.complaints, new QueryResult(await this.queryBus.execute(query)));
  }
}
