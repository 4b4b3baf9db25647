import { isCustomerId, toInstant } from '@rapport/kernel';

/** A field-level reason a message was refused; `field` is a CloudEvents attribute or `data.<path>`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A CloudEvents 1.0 event as Rapport accepts it (design.md §6): every attribute below is required but `datacontenttype`. */
export interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  /** The upstream channel, a URI reference such as `/branch/shanghai` or `urn:rapport:mobile-app`. */
  readonly source: string;
  readonly type: string;
  /** The customer id; on Kafka also the message key. */
  readonly subject: string;
  /** When the fact happened, RFC 3339 with a zone; the business time unless `data.occurredAt` says otherwise. */
  readonly time: string;
  readonly datacontenttype?: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Extension attributes (lowercase names): `correlationid` is used, the others are checked and not stored. */
  readonly extensions: Readonly<Record<string, string>>;
}

export type CloudEventParse =
  | { readonly kind: 'parsed'; readonly event: CloudEvent }
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly kind: 'unreadable'; readonly detail: string };

const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const NO_SPACE_OR_CONTROL = /^[^\s\p{Cc}]+$/u;
const NO_CONTROL = /^[^\p{Cc}]+$/u;
const JSON_MEDIA_TYPE = /^application\/json\s*(;.*)?$/i;
const CONTEXT_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'data_base64',
]);

/** Checks the context attributes and data of an event already decoded into name → value (both modes end here). */
export function validateCloudEvent(attributes: Readonly<Record<string, unknown>>, data: unknown): CloudEventParse {
  const errors = [
    ...dataErrors(attributes, data),
    ...check(attributes, 'specversion', (v) => v === '1.0', 'specversion must be "1.0"'),
    ...check(attributes, 'id', (v) => isToken(v, 256, NO_CONTROL), 'id must be 1-256 characters without control characters'),
    ...check(
      attributes,
      'source',
      (v) => isToken(v, 512, NO_SPACE_OR_CONTROL),
      'source must be a URI reference of 1-512 characters without spaces',
    ),
    ...check(attributes, 'type', (v) => isToken(v, 128, NO_SPACE_OR_CONTROL), 'type must be a non-empty string without spaces'),
    ...check(attributes, 'subject', isCustomerId, 'subject must be the customer id: 1-64 letters, digits, "_" or "-"'),
    ...check(attributes, 'time', isTimestamp, 'time must be an RFC 3339 timestamp with a zone, e.g. 2026-01-15T09:30:00Z'),
    ...optional(
      attributes,
      'datacontenttype',
      (v) => typeof v === 'string' && JSON_MEDIA_TYPE.test(v),
      'datacontenttype must be application/json',
    ),
    ...extensionErrors(attributes),
  ];
  if (errors.length > 0 || !isJsonObject(data)) return { kind: 'invalid', errors };
  return { kind: 'parsed', event: toCloudEvent(attributes, data) };
}

/** The deterministic identity of an upstream message (design.md §3): a URI reference has no spaces, so this never collides. */
export function sourceMessageOf(event: Pick<CloudEvent, 'source' | 'id'>): string {
  return `ce ${event.source} ${event.id}`;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toCloudEvent(attributes: Readonly<Record<string, unknown>>, data: Readonly<Record<string, unknown>>): CloudEvent {
  const text = (name: string) => String(attributes[name]);
  const extensions = Object.fromEntries(
    Object.entries(attributes)
      .filter(([name]) => !CONTEXT_ATTRIBUTES.has(name))
      .map(([name, value]) => [name, String(value)]),
  );
  const contentType = attributes.datacontenttype;
  return {
    specversion: '1.0',
    id: text('id'),
    source: text('source'),
    type: text('type'),
    subject: text('subject'),
    time: text('time'),
    ...(typeof contentType === 'string' ? { datacontenttype: contentType } : {}),
    data,
    extensions,
  };
}

function dataErrors(attributes: Readonly<Record<string, unknown>>, data: unknown): FieldError[] {
  if (attributes.data_base64 !== undefined) return [{ field: 'data_base64', message: 'data must be JSON; data_base64 is not accepted' }];
  if (data === undefined || data === null) return [{ field: 'data', message: 'data is required' }];
  return isJsonObject(data) ? [] : [{ field: 'data', message: 'data must be a JSON object' }];
}

function check(
  attributes: Readonly<Record<string, unknown>>,
  name: string,
  isValid: (value: unknown) => boolean,
  message: string,
): FieldError[] {
  if (attributes[name] === undefined) return [{ field: name, message: `${name} is required` }];
  return isValid(attributes[name]) ? [] : [{ field: name, message }];
}

function optional(
  attributes: Readonly<Record<string, unknown>>,
  name: string,
  isValid: (value: unknown) => boolean,
  message: string,
): FieldError[] {
  return attributes[name] === undefined ? [] : check(attributes, name, isValid, message);
}

/** CloudEvents 1.0 §3.1.1: attribute names are 1-20 lowercase letters or digits; values here are strings, numbers or booleans. */
function extensionErrors(attributes: Readonly<Record<string, unknown>>): FieldError[] {
  return Object.entries(attributes)
    .filter(([name]) => !CONTEXT_ATTRIBUTES.has(name))
    .flatMap(([name, value]) => {
      if (!ATTRIBUTE_NAME.test(name)) return [{ field: name, message: 'attribute names must be 1-20 lowercase letters or digits' }];
      const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      return scalar ? [] : [{ field: name, message: 'extension attributes must be strings, numbers or booleans' }];
    });
}

function isToken(value: unknown, maxLength: number, pattern: RegExp): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength && pattern.test(value);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && RFC3339.test(value) && toInstant(value) !== undefined;
}
