/** A CloudEvent as a producer writes it, before choosing the Kafka content mode. */
export interface OutgoingEvent {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
  readonly specversion?: string;
}

export interface EncodedRecord {
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

/** Structured mode: one JSON document, content-type application/cloudevents+json. */
export function structured(event: OutgoingEvent): EncodedRecord {
  const document = { specversion: event.specversion ?? '1.0', datacontenttype: 'application/json', ...event };
  return { value: Buffer.from(JSON.stringify(document)), headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' } };
}

/** Binary mode: attributes in ce_ headers, the data alone in the value. */
export function binary(event: OutgoingEvent): EncodedRecord {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion ?? '1.0',
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    'content-type': 'application/json',
  };
  if (event.subject !== undefined) headers.ce_subject = event.subject;
  return { value: Buffer.from(JSON.stringify(event.data)), headers };
}

/** The structured form (one JSON line) of a produced record, as the importer reads it; undefined for bytes that are not JSON. */
export function asStructuredLine(record: {
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}): string | undefined {
  if (record.value === null) return undefined;
  const text = record.value.toString('utf8');
  if (record.headers.ce_specversion === undefined) return text;
  const attributes = Object.fromEntries(
    Object.entries(record.headers)
      .filter(([name]) => name.startsWith('ce_'))
      .map(([name, value]) => [name.slice(3), value]),
  );
  return JSON.stringify({ ...attributes, datacontenttype: record.headers['content-type'], data: JSON.parse(text) as unknown });
}
