import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { IsOmittable } from '../../http/validation';

/** ISO 8601 with a time and an explicit zone, so business time is never ambiguous. */
export const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CommandRequest {
  @ApiPropertyOptional({ description: 'Business time, ISO 8601 with zone; defaults to now', example: '2026-01-15T09:30:00Z' })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @Matches(ZONED_INSTANT, { message: 'occurredAt must be an ISO 8601 instant with a time zone, e.g. 2026-01-15T09:30:00Z' })
  occurredAt?: string;
}

/** Business ids (transactionId, complaintId, ...): printable, no spaces, at most 128 characters. */
export const BUSINESS_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const BUSINESS_ID_MESSAGE = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';
