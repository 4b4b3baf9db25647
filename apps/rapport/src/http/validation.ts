import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem';

/** Thrown by the validation pipe; the problem filter renders it with the field list. */
export class InvalidInput extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('invalid input');
  }
}

/** Flattens class-validator's tree into `{field: "assets.amount", message}` entries. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: ownMessage(message, error) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function ownMessage(message: string, error: ValidationError): string {
  return message.startsWith('property ') && message.endsWith(' should not exist') ? `unknown field ${error.property}` : message;
}

/** Whitelist, reject unknown fields, transform: the same options for HTTP bodies, queries and Kafka payloads. */
export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new InvalidInput(flattenValidationErrors(errors)),
  });
}
