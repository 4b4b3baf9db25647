import { applyDecorators } from '@nestjs/common';
import { dayPlusDays, toInstant } from '@rapport/kernel';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { ReadQueryRequest } from './read-query.request';
import { PatternField } from '../../http/fields';

/** Calendar dates, UTC (api.md "Periods"): `from` and `to` are inclusive. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD`;

/** `to` must not be before `from`, when both are given. */
export function IsNotBeforeFrom() {
  return ValidateBy({
    name: 'isNotBeforeFrom',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const from = (args?.object as { from?: unknown } | undefined)?.from;
        return typeof value !== 'string' || typeof from !== 'string' || value >= from;
      },
      defaultMessage: () => 'to must not be before from',
    },
  });
}

/** A real calendar day, any year 0000-9999: the pattern and format for the document, the kernel's calendar for the check. */
export function DayField(field: string, example: string, description: string, isOptional = true): PropertyDecorator {
  return applyDecorators(
    PatternField(DATE, DATE_MESSAGE(field), { isOptional, example, description, format: 'date' }),
    ValidateBy({
      name: 'isCalendarDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && toInstant(`${value}T00:00:00Z`) !== undefined,
        defaultMessage: () => DATE_MESSAGE(field),
      },
    }),
  );
}

export class PeriodRequest extends ReadQueryRequest {
  @DayField('from', '2026-01-01', 'First day, inclusive; default 89 days before `to`') from?: string;

  @applyDecorators(DayField('to', '2026-03-31', 'Last day, inclusive, not before `from`; default today (UTC)'), IsNotBeforeFrom())
  to?: string;
}

/** The period asked for, with defaults: the 90 days ending today. */
export function periodOf(request: PeriodRequest, now: Date): { from: string; to: string } {
  const to = request.to ?? now.toISOString().slice(0, 10);
  const from = request.from ?? dayPlusDays(to, -89);
  return { from, to };
}
