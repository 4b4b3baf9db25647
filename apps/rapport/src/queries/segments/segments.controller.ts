import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CSV_TABLES } from '../../http/csv/csv-tables';
import { Access } from '../../security/access.decorator';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.request';
import { OfferedAsCsv, QueryResult } from '../../http/outcomes';
import { ListSegmentMembersAsOf } from '../lineage/segment-lineage.queries';
import { ListSegmentCustomers, ListSegments } from './list-segments.query';
import { SegmentKeyPipe } from './segment-key.pipe';
import { ListSegmentsRequest, SegmentCustomersRequest } from './segments.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/segments')
export class SegmentsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Segments (customer type, value tier, risk profile, behaviour, lifecycle stage) with counts, as of now' })
  async list(@Query() request: ListSegmentsRequest) {
    return new OfferedAsCsv(CSV_TABLES.segments, new QueryResult(await this.queryBus.execute(new ListSegments(request.minPosition))));
  }

  @Get(':segment/customers')
  @ApiOperation({ summary: 'A page of the customers in a segment, with their dimensions and value contribution' })
  async customers(@Param('segment', SegmentKeyPipe) segment: string, @Query() request: SegmentCustomersRequest) {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query =
      request.asOf !== undefined
        ? new ListSegmentMembersAsOf(segment, new Date(request.asOf), limit, request.cursor, request.minPosition)
        : new ListSegmentCustomers(segment, limit, request.cursor, request.minPosition);
    return new OfferedAsCsv(CSV_TABLES.segmentMembers, new QueryResult(await this.queryBus.execute(query)));
  }
}
