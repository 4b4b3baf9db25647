import { isJsonObject, validateCloudEvent, type CloudEventParse } from './cloud-event';

/** Kafka record headers as clients hand them over: one value or several per name. */
export type MessageHeaders = Readonly<Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>>;

const STRUCTURED_CONTENT_TYPE = /^application\/cloudevents\+json\s*(;.*)?$/i;
const BINARY_PREFIX = 'ce_';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A structured-mode event (one JSON document): an NDJSON line or a Kafka value. */
export function decodeStructured(bytes: Buffer | string): CloudEventParse {
  const document = parseJson(bytes);
  if (document.kind === 'unreadable') return document;
  if (!isJsonObject(document.value)) return { kind: 'unreadable', detail: 'a structured CloudEvent must be a JSON object' };
  const { data, ...attributes } = document.value;
  return validateCloudEvent(attributes, data);
}

/** A binary-mode Kafka record (CloudEvents Kafka binding §3.2): attributes in `ce_` headers, data in the value. */
export function decodeBinary(headers: MessageHeaders, value: Buffer | null): CloudEventParse {
  const attributes: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if ((!lower.startsWith(BINARY_PREFIX) && lower !== 'content-type') || raw === undefined) continue;
    const text = headerText(raw);
    if (text === undefined) return { kind: 'unreadable', detail: `header ${name} is not UTF-8 text` };
    attributes[lower === 'content-type' ? 'datacontenttype' : lower.slice(BINARY_PREFIX.length)] = text;
  }
  if (value === null || value.length === 0) return validateCloudEvent(attributes, undefined);
  const document = parseJson(value);
  return document.kind === 'unreadable' ? document : validateCloudEvent(attributes, document.value);
}

/** Picks the mode as the Kafka binding says: structured when content-type is cloudevents+json, binary when ce_specversion is set. */
export function decodeKafkaRecord(headers: MessageHeaders, value: Buffer | null): CloudEventParse {
  const contentType = headerText(findHeader(headers, 'content-type'));
  if (contentType !== undefined && STRUCTURED_CONTENT_TYPE.test(contentType)) return structuredValue(value);
  if (findHeader(headers, 'ce_specversion') !== undefined) return decodeBinary(headers, value);
  return structuredValue(value);
}

function structuredValue(value: Buffer | null): CloudEventParse {
  return value === null || value.length === 0 ? { kind: 'unreadable', detail: 'the message has no value' } : decodeStructured(value);
}

function parseJson(bytes: Buffer | string): { kind: 'json'; value: unknown } | { kind: 'unreadable'; detail: string } {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : utf8.decode(bytes);
  } catch {
    return { kind: 'unreadable', detail: 'the message is not UTF-8 text' };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'unreadable', detail: 'the message is not valid JSON' };
  }
}

function findHeader(headers: MessageHeaders, wanted: string): MessageHeaders[string] {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === wanted);
  return name === undefined ? undefined : headers[name];
}

/** The last value of a header as strict UTF-8; undefined when absent or not text. */
function headerText(raw: MessageHeaders[string]): string | undefined {
  const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (last === undefined) return undefined;
  if (typeof last === 'string') return last;
  try {
    return utf8.decode(last as Buffer);
  } catch {
    return undefined;
  }
}
