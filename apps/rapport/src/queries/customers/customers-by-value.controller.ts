import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/kernel';
import { Access } from '../../security/access.decorator';
import { QueryResult } from '../../http/outcomes';
import { CLOCK } from '../../wiring/tokens';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.request';
import { CustomersByValueRequest } from './customers-by-value.request';
import { ListCustomersByValue } from './list-customers-by-value.query';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/customers')
export class CustomersByValueController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A page of customers by per-customer value (CLV): value to date and projected, highest first' })
  async list(@Query() request: CustomersByValueRequest) {
    return new QueryResult(
      await this.queryBus.execute(
        new ListCustomersByValue(request.limit ?? DEFAULT_PAGE_SIZE, this.clock.now(), request.cursor, request.minPosition),
      ),
    );
  }
}
