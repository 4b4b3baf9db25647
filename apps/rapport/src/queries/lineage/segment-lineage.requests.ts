import { applyDecorators } from '@nestjs/common';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { InstantField } from '../../commands/requests/common.request';
import { ReadQueryRequest } from '../shared/read-query.request';

/** GET /v1/customers/{id}/segments/history takes nothing but `minPosition`. */
export class SegmentHistoryRequest extends ReadQueryRequest {}

function IsNotBeforeFromInstant() {
  return ValidateBy({
    name: 'isNotBeforeFromInstant',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const from = (args?.object as { from?: unknown } | undefined)?.from;
        return typeof value !== 'string' || typeof from !== 'string' || !(Date.parse(value) < Date.parse(from));
      },
      defaultMessage: () => 'to must not be before from',
    },
  });
}

/** GET /v1/segments/migrations?from=&to=: two instants, `to` not before `from`. */
export class SegmentMigrationsRequest extends ReadQueryRequest {
  @InstantField('from', { example: '2026-01-01T00:00:00Z', description: 'The instant customers move from' }) from!: string;

  @applyDecorators(
    InstantField('to', { example: '2026-04-01T00:00:00Z', description: 'The instant they move to, not before `from`' }),
    IsNotBeforeFromInstant(),
  )
  to!: string;
}
