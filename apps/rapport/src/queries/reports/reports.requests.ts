import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { IsISO8601, ValidateBy, type ValidationArguments } from 'class-validator';
import { InstantField } from '../../commands/requests/common.request';
import { PatternField, TextField } from '../../http/fields';
import { InvalidInput } from '../../http/validation';
import { DATE } from '../shared/period.request';

const DAY_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD`;

function Day(field: string, example: string): PropertyDecorator {
  return applyDecorators(PatternField(DATE, DAY_MESSAGE(field), { example }), IsISO8601({ strict: true }, { message: DAY_MESSAGE(field) }));
}

function IsNotBeforeFrom() {
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

/** POST /v1/reports: a named KPI report of a period, as known at an instant (default now). */
export class FileReportRequest {
  @TextField(200, { example: 'Q1 2026 board pack' }) name!: string;

  @Day('from', '2026-01-01') from!: string;

  @applyDecorators(Day('to', '2026-03-31'), IsNotBeforeFrom()) to!: string;

  @InstantField('knownAt', {
    isOptional: true,
    example: '2026-04-01T00:00:00Z',
    description: 'Count only the events recorded by this instant (not after now); default now',
  })
  knownAt?: string;
}

export const REPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A report id as POST /v1/reports answered it (a UUID). */
@Injectable()
export class ReportIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && REPORT_ID.test(value)) return value;
    throw new InvalidInput([{ field: 'id', message: 'id must be a report id as POST /v1/reports answered it' }]);
  }
}

/** The instant asked about, refused when it is still to come: events could yet be recorded before it. */
export function knownAtOf(knownAt: string | undefined, now: Date): Date {
  if (knownAt === undefined) return now;
  const instant = new Date(knownAt);
  if (instant.getTime() > now.getTime()) throw new InvalidInput([{ field: 'knownAt', message: 'knownAt must not be in the future' }]);
  return instant;
}
