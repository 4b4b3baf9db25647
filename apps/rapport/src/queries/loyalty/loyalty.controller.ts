import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerIdPipe } from '../../http/customer-id.pipe';
import { CSV_TABLES } from '../../http/csv/csv-tables';
import { Access } from '../../security/access.decorator';
import { OfferedAsCsv, QueryResult } from '../../http/outcomes';
import { GetLoyaltyAccount, GetLoyaltyLeaderboard, GetLoyaltyTiers } from './loyalty.queries';
import { LeaderboardRequest, LoyaltyAccountRequest, LoyaltyTiersRequest } from './loyalty.request';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/loyalty')
export class LoyaltyController {
  constructor(private readonly queryBus: QueryBus) {}

  // Declared before :customerId so that "leaderboard" and "tiers" are not taken for customer ids.
  @Get('leaderboard')
  @ApiOperation({ summary: 'Customers by lifetime points, highest first' })
  async leaderboard(@Query() request: LeaderboardRequest) {
    const leaderboard = await this.queryBus.execute(new GetLoyaltyLeaderboard(request.limit ?? 10, request.minPosition));
    return new OfferedAsCsv(CSV_TABLES.leaderboard, new QueryResult(leaderboard));
  }

  @Get('tiers')
  @ApiOperation({ summary: 'Customers per loyalty tier, over every account' })
  async tiers(@Query() request: LoyaltyTiersRequest) {
    return new QueryResult(await this.queryBus.execute(new GetLoyaltyTiers(request.minPosition)));
  }

  @Get(':customerId')
  @ApiOperation({ summary: "A customer's loyalty account: balance, lifetime earned, redeemed, tier" })
  async account(@Param('customerId', CustomerIdPipe) customerId: string, @Query() request: LoyaltyAccountRequest) {
    return new QueryResult(await this.queryBus.execute(new GetLoyaltyAccount(customerId, request.minPosition)));
  }
}
