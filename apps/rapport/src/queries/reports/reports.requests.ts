import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { InstantField } from '../../commands/requests/common.request';
import { TextField } from '../../http/fields';
import { InvalidInput } from '../../http/validation';
import { DayField, IsNotBeforeFrom } from '../shared/period.request';

/** POST /v1/reports: a named KPI report of a period, as known at an instant (default now). */
export class FileReportRequest {
  @TextField(200, { example: 'Q1 2026 board pack' }) name!: string;

  @DayField('from', '2026-01-01', 'First day, inclusive', false) from!: string;

  @applyDecorators(DayField('to', '2026-03-31', 'Last day, inclusive, not before `from`', false), IsNotBeforeFrom()) to!: string;

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
