import type { CloudEvent, FieldError } from '@rapport/ingestion';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { CommandRequest } from '../commands/requests/common.request';
import type { CommandWithPersonalData, ToCommand } from '../commands/to-command';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '../http/validation';
import { INGESTION_TYPES, isIngestionType, type IngestionMapping } from './ingestion-types';

export type MappedCloudEvent =
  ({ readonly kind: 'command' } & CommandWithPersonalData) | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] };

const KNOWN_TYPES = Object.keys(INGESTION_TYPES).join(', ');

/**
 * Kafka edge and importer (style.md §7): the event's `type` picks the same DTO class as HTTP, and
 * `validate()` runs with the same options; field names come back as `data.<path>`.
 * Business time is `data.occurredAt` when given, else the event's `time` (never the clock), so a
 * replayed message decides exactly as the first time.
 */
export async function commandFromCloudEvent(event: CloudEvent, mapper: ToCommand): Promise<MappedCloudEvent> {
  if (!isIngestionType(event.type)) {
    return { kind: 'invalid', errors: [{ field: 'type', message: `unknown type ${event.type}; known: ${KNOWN_TYPES}` }] };
  }
  const mapping: IngestionMapping = INGESTION_TYPES[event.type];
  const request = plainToInstance(mapping.dto, withSubject(mapping, event));
  const errors = [
    ...flattenValidationErrors(await validate(request, VALIDATION_OPTIONS), 'data'),
    ...subjectErrors(mapping, event, request),
  ];
  if (errors.length > 0) return { kind: 'invalid', errors };
  const timed = Object.assign(request, { occurredAt: request.occurredAt ?? event.time });
  return { kind: 'command', ...mapping.toCommand(mapper, event.subject, timed) };
}

function withSubject(mapping: IngestionMapping, event: CloudEvent): Record<string, unknown> {
  if (!mapping.subjectField || event.data[mapping.subjectField] !== undefined) return { ...event.data };
  return { ...event.data, [mapping.subjectField]: event.subject };
}

function subjectErrors(mapping: IngestionMapping, event: CloudEvent, request: CommandRequest): FieldError[] {
  const field = mapping.subjectField;
  if (!field) return [];
  const value = (request as unknown as Record<string, unknown>)[field];
  return value === event.subject ? [] : [{ field: `data.${field}`, message: `${field} must equal the event subject` }];
}
