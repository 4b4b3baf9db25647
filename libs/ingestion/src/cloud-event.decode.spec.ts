import { decodeBinary, decodeKafkaRecord, decodeStructured } from './cloud-event.decode';
import { sourceMessageOf } from './cloud-event';

const attributes = {
  specversion: '1.0',
  id: 'm-1',
  source: '/branch/shanghai',
  type: 'customer.activated',
  subject: 'C-1',
  time: '2026-01-15T09:30:00Z',
};
const data = { product: 'savings-account' };
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const binaryHeaders = {
  ce_specversion: '1.0',
  ce_id: 'm-1',
  ce_source: '/branch/shanghai',
  ce_type: 'customer.activated',
  ce_subject: 'C-1',
  ce_time: '2026-01-15T09:30:00Z',
  'content-type': 'application/json',
};

describe('a structured CloudEvent (one JSON document)', () => {
  it('parses every attribute, the data and extensions', () => {
    const parsed = decodeStructured(JSON.stringify({ ...attributes, datacontenttype: 'application/json', traceparent: 'abc', data }));
    expect(parsed).toEqual({
      kind: 'parsed',
      event: { ...attributes, datacontenttype: 'application/json', data, extensions: { traceparent: 'abc' } },
    });
  });

  it.each([
    ['specversion', { specversion: '0.3' }],
    ['id', { id: '' }],
    ['source', { source: 'has spaces' }],
    ['subject', { subject: 'not a customer id!' }],
    ['time', { time: '2026-01-15' }],
    ['time', { time: '2026-13-45T10:00:00Z' }],
    ['time', { time: '2026-02-30T10:00:00Z' }],
    ['time', { time: '2026-01-15T24:00:00Z' }],
    ['datacontenttype', { datacontenttype: 'text/xml' }],
    ['data', { data: 'text' }],
    ['data', { data: [1, 2] }],
    ['data_base64', { data_base64: 'AAAA' }],
    ['Bad_Name', { Bad_Name: 'x' }],
  ])('names %s when it is wrong', (field, change) => {
    const parsed = decodeStructured(JSON.stringify({ ...attributes, data, ...change }));
    expect(parsed).toEqual({ kind: 'invalid', errors: [expect.objectContaining({ field })] });
  });

  it('lists every missing required attribute at once', () => {
    const parsed = decodeStructured(JSON.stringify({ data }));
    const fields = parsed.kind === 'invalid' ? parsed.errors.map((error) => error.field) : [];
    expect(fields).toEqual(['specversion', 'id', 'source', 'type', 'subject', 'time']);
  });

  it.each([
    ['truncated JSON', '{"specversion": "1.0", "id": '],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON string', '"customer.acquired"'],
    ['plain text', 'hello'],
  ])('calls %s unreadable', (_name, text) => {
    expect(decodeStructured(text)).toEqual({ kind: 'unreadable', detail: expect.any(String) });
  });

  it('calls bytes that are not UTF-8 unreadable', () => {
    expect(decodeStructured(Buffer.from([0xc3, 0x28, 0xff]))).toEqual({ kind: 'unreadable', detail: 'the message is not UTF-8 text' });
  });
});

describe('a binary CloudEvent (attributes in ce_ headers)', () => {
  it('parses the attributes from the headers and the data from the value', () => {
    const parsed = decodeBinary({ ...binaryHeaders, ce_correlationid: Buffer.from('corr-1') }, json(data));
    expect(parsed).toEqual({
      kind: 'parsed',
      event: { ...attributes, datacontenttype: 'application/json', data, extensions: { correlationid: 'corr-1' } },
    });
  });

  it.each([['application/json; charset=UTF-8'], ['Application/JSON']])(
    'accepts the content-type %s (docs/asyncapi.yaml)',
    (contentType) => {
      expect(decodeKafkaRecord({ ...binaryHeaders, 'content-type': contentType }, json(data))).toEqual({
        kind: 'parsed',
        event: { ...attributes, datacontenttype: contentType, data, extensions: {} },
      });
    },
  );

  it('refuses a content-type that is not JSON', () => {
    expect(decodeKafkaRecord({ ...binaryHeaders, 'content-type': 'text/plain' }, json(data))).toEqual({
      kind: 'invalid',
      errors: [expect.objectContaining({ field: 'datacontenttype' })],
    });
  });

  it('requires data', () => {
    expect(decodeBinary(binaryHeaders, null)).toEqual({ kind: 'invalid', errors: [{ field: 'data', message: 'data is required' }] });
  });

  it('names a missing subject header', () => {
    const { ce_subject: _dropped, ...headers } = binaryHeaders;
    expect(decodeBinary(headers, json(data))).toEqual({ kind: 'invalid', errors: [expect.objectContaining({ field: 'subject' })] });
  });

  it('calls a value that is not JSON unreadable', () => {
    expect(decodeBinary(binaryHeaders, Buffer.from('<xml/>'))).toEqual({ kind: 'unreadable', detail: 'the message is not valid JSON' });
  });

  it('calls a header that is not UTF-8 unreadable', () => {
    expect(decodeBinary({ ...binaryHeaders, ce_id: Buffer.from([0xff, 0xfe]) }, json(data))).toEqual({
      kind: 'unreadable',
      detail: 'header ce_id is not UTF-8 text',
    });
  });
});

describe('a Kafka record', () => {
  it('is structured when content-type is application/cloudevents+json', () => {
    const parsed = decodeKafkaRecord({ 'content-type': 'application/cloudevents+json; charset=utf-8' }, json({ ...attributes, data }));
    expect(parsed.kind).toBe('parsed');
  });

  it('is binary when ce_specversion is present', () => {
    expect(decodeKafkaRecord(binaryHeaders, json(data)).kind).toBe('parsed');
  });

  it('falls back to structured without either header', () => {
    expect(decodeKafkaRecord({}, json({ ...attributes, data })).kind).toBe('parsed');
  });

  it('calls a record with no value and no ce_ headers unreadable (a tombstone)', () => {
    expect(decodeKafkaRecord({}, null)).toEqual({ kind: 'unreadable', detail: 'the message has no value' });
  });
});

describe('the source message id', () => {
  it('is the same for the same source and id, and differs when either differs', () => {
    expect(sourceMessageOf({ source: '/a', id: '1' })).toBe(sourceMessageOf({ source: '/a', id: '1' }));
    expect(sourceMessageOf({ source: '/a', id: '2' })).not.toBe(sourceMessageOf({ source: '/a', id: '1' }));
    expect(sourceMessageOf({ source: '/b', id: '1' })).not.toBe(sourceMessageOf({ source: '/a', id: '1' }));
  });
});
