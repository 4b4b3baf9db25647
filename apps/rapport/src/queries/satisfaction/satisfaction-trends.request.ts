import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Granularity } from '@rapport/kernel';
import { BREAKDOWNS, GRANULARITIES, type Breakdown } from '@rapport/read-models';
import { IsIn, IsOptional } from 'class-validator';
import { FormatParam } from '../../http/csv/csv.decorator';
import { PeriodRequest } from '../shared/period.request';

export class SatisfactionTrendsRequest extends PeriodRequest {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;

  @ApiPropertyOptional({ enum: BREAKDOWNS, default: 'overall' })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  by?: Breakdown;

  @FormatParam() format?: 'json' | 'csv';
}
