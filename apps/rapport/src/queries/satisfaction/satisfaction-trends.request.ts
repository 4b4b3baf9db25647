import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Granularity } from '@rapport/kernel';
import { BREAKDOWNS, GRANULARITIES, type Breakdown } from '@rapport/read-models';
import { IsIn } from 'class-validator';
import { PeriodRequest } from '../shared/period.request';
import { IsOmittable } from '../../http/validation';

export class SatisfactionTrendsRequest extends PeriodRequest {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOmittable()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;

  @ApiPropertyOptional({ enum: BREAKDOWNS, default: 'overall' })
  @IsOmittable()
  @IsIn(BREAKDOWNS)
  by?: Breakdown;
}
