import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ReadQueryRequest } from '../shared/read-query.request';
import { IsOmittable } from '../../http/validation';

export class LoyaltyAccountRequest extends ReadQueryRequest {}

export class LeaderboardRequest extends ReadQueryRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
