import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import type { FieldError } from './problem';

/** Thrown by the validation pipe; the problem filter renders it with the field list. */
export class InvalidInput extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('invalid input');
  }
}

/**
 * An optional field: it may be left out, but `null` is checked like any other value and refused
 * (class-validator's IsOptional would let null through, which the OpenAPI document does not allow).
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * A name we may repeat back: an unknown field is named only when it is short and made of the
 * characters of field names and bracket syntax (`isVip`, `status[$ne]`), so no markup or text is reflected.
 */
const PLAIN_NAME = /^[A-Za-z$_][A-Za-z0-9_$[\].-]{0,63}$/;

/**
 * Flattens class-validator's tree into `{field: "assets.amount", message}` entries, one per field:
 * validation stops at a field's first failed rule, and a missing field is said to be required.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const first = Object.values(error.constraints ?? {})[0];
    const own = first === undefined ? [] : [ownError(field, first, error)];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function ownError(field: string, message: string, error: ValidationError): FieldError {
  if (message.startsWith('property ') && message.endsWith(' should not exist')) {
    return PLAIN_NAME.test(error.property)
      ? { field, message: `unknown field ${error.property}` }
      : { field: parentOf(field), message: 'has an unknown field' };
  }
  if (error.value === undefined) return { field, message: `${field} is required` };
  if (error.value === null) return { field, message: `${field} must not be null` };
  return { field, message };
}

function parentOf(field: string): string {
  const dot = field.lastIndexOf('.');
  return dot < 0 ? '(body)' : field.slice(0, dot);
}

/** Whitelist, reject unknown fields, transform: the same options for HTTP bodies, queries and Kafka payloads. */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  // The value is kept to tell a missing field from a wrong one; it is never rendered.
  validationError: { target: false, value: true },
} as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new InvalidInput(flattenValidationErrors(errors)),
  });
}
