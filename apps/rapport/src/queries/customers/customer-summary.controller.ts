import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerIdPipe } from '../../http/customer-id.pipe';
import { Access } from '../../security/access.decorator';
import { QueryResult } from '../../http/outcomes';
import { CustomerSummaryRequest } from './customer-summary.request';
import { GetCustomerSummary } from './get-customer-summary.query';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/customers')
export class CustomerSummaryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':customerId')
  @ApiOperation({ summary: 'Customer 360: status, lifecycle stage, segment, loyalty, satisfaction, open complaints' })
  async summary(@Param('customerId', CustomerIdPipe) customerId: string, @Query() request: CustomerSummaryRequest) {
    return new QueryResult(await this.queryBus.execute(new GetCustomerSummary(customerId, request.minPosition)));
  }
}
