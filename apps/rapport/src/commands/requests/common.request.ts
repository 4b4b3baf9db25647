import { applyDecorators } from '@nestjs/common';
import { toInstant } from '@rapport/kernel';
import { ValidateBy } from 'class-validator';
import { PatternField } from '../../http/fields';

/** ISO 8601 with a time and an explicit zone, so business time is never ambiguous. */
export const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;
const ZONED_INSTANT_MESSAGE = (field: string) => `${field} must be an ISO 8601 instant with a time zone, e.g. 2026-01-15T09:30:00Z`;

/**
 * An instant with a zone and a real calendar date and time: the pattern is what the document
 * shows, and the kernel's toInstant decides, so a request that passes always maps to an instant.
 */
export function InstantField(
  field: string,
  options: { readonly isOptional?: boolean; readonly description?: string; readonly example: string },
): PropertyDecorator {
  return applyDecorators(
    PatternField(ZONED_INSTANT, ZONED_INSTANT_MESSAGE(field), { ...options, format: 'date-time' }),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && toInstant(value) !== undefined,
        defaultMessage: () => ZONED_INSTANT_MESSAGE(field),
      },
    }),
  );
}

export class CommandRequest {
  @InstantField('occurredAt', {
    isOptional: true,
    description: 'Business time, ISO 8601 with zone; defaults to now',
    example: '2026-01-15T09:30:00Z',
  })
  occurredAt?: string;
}

/** Business ids (transactionId, complaintId, ...): printable, no spaces, at most 128 characters. */
export const BUSINESS_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const BUSINESS_ID_MESSAGE = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

export function BusinessIdField(field: string, example: string): PropertyDecorator {
  return PatternField(BUSINESS_ID, `${field} ${BUSINESS_ID_MESSAGE}`, { example });
}
