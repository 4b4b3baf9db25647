import { ApiPropertyOptional } from '@nestjs/swagger';
import { toInstant } from '@rapport/kernel';
import { IsOptional, ValidateBy } from 'class-validator';

/**
 * ISO 8601 with a time and an explicit zone, so business time is never ambiguous: exactly what
 * the kernel's toInstant reads, so a request that passes always maps to an instant.
 */
export function IsInstant(example: string) {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && toInstant(value) !== undefined,
      defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO 8601 instant with a time zone, e.g. ${example}`,
    },
  });
}

export class CommandRequest {
  @ApiPropertyOptional({ description: 'Business time, ISO 8601 with zone; defaults to now', example: '2026-01-15T09:30:00Z' })
  @IsOptional()
  @IsInstant('2026-01-15T09:30:00Z')
  occurredAt?: string;
}

/** Business ids (transactionId, complaintId, ...): printable, no spaces, at most 128 characters. */
export const BUSINESS_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const BUSINESS_ID_MESSAGE = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';
