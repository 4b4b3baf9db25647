import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FormatParam } from '../../http/csv/csv.decorator';
import { ReadQueryRequest } from '../shared/read-query.request';

export class LoyaltyAccountRequest extends ReadQueryRequest {}

export class LeaderboardRequest extends ReadQueryRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @FormatParam() format?: 'json' | 'csv';
}
