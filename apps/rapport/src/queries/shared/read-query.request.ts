import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../http/validation';

/** Every query takes `minPosition` (api.md read-your-write): the `position` a command answered with. */
export class ReadQueryRequest {
  @ApiPropertyOptional({ minimum: 0, description: "Wait (a few seconds at most) until the read model has applied this global position, e.g. a command response's `position`; 503 if it does not" })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class PageRequest extends ReadQueryRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the `next` value of a previous page' })
  cursor?: string;
}
