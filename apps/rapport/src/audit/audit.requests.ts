import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { FormatParam } from '../http/csv/csv.decorator';
import { ZONED_INSTANT } from '../commands/requests/common.request';

export class HistoryQuery {
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) fromRevision?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000) limit?: number;
  @FormatParam() format?: 'json' | 'csv';
}

export class StateQuery {
  @ApiProperty({ example: '2026-03-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  @Matches(ZONED_INSTANT, { message: 'asOf must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T00:00:00Z' })
  asOf!: string;

  @ApiPropertyOptional({ enum: ['occurred', 'recorded'], default: 'occurred' })
  @IsOptional()
  @IsIn(['occurred', 'recorded'])
  basis?: 'occurred' | 'recorded';
}
