import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerIdPipe } from '../../http/customer-id.pipe';
import { QueryResult } from '../../http/outcomes';
import { Access } from '../../security/access.decorator';
import { GetSegmentHistory, GetSegmentMigrations } from './segment-lineage.queries';
import { SegmentHistoryRequest, SegmentMigrationsRequest } from './segment-lineage.requests';

@ApiTags('queries')
@Access('analyst')
@Controller('v1')
export class SegmentLineageController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('customers/:customerId/segments/history')
  @ApiOperation({
    summary: "Every change of the customer's segment key (lifecycle stage included) with the event or time rule that caused it",
  })
  async history(@Param('customerId', CustomerIdPipe) customerId: string, @Query() request: SegmentHistoryRequest) {
    return new QueryResult(await this.queryBus.execute(new GetSegmentHistory(customerId, request.minPosition)));
  }

  @Get('segments/migrations')
  @ApiOperation({ summary: 'How many customers moved from each segment to each other between two instants' })
  async migrations(@Query() request: SegmentMigrationsRequest) {
    return new QueryResult(
      await this.queryBus.execute(new GetSegmentMigrations(new Date(request.from), new Date(request.to), request.minPosition)),
    );
  }
}
