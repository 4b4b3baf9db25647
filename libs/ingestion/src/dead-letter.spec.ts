import { deadLetterRecord, readDeadLetterHeaders } from './dead-letter';
import type { InboundMessage } from './ingestion.port';

const message: InboundMessage = {
  topic: 'rapport.customer-events.v1',
  partition: 3,
  offset: '12345678901',
  key: Buffer.from('C-1'),
  value: Buffer.from('{"not":"valid"}'),
  headers: { 'content-type': Buffer.from('application/cloudevents+json'), 'rapport-dlq-reason': 'forged' },
};

describe('a dead letter', () => {
  it('keeps the original key and headers, carries the value the handler chose, and adds where it came from', () => {
    const sealed = Buffer.from('{"sealedOriginal":1,"stripped":"no-customer-id"}');
    const record = deadLetterRecord(message, {
      kind: 'dead-letter',
      verdict: { reason: 'unreadable', detail: 'the message is not valid JSON' },
      value: sealed,
    });
    expect(record.key).toBe(message.key);
    expect(record.value).toBe(sealed);
    expect(record.headers).toEqual({
      'content-type': Buffer.from('application/cloudevents+json'),
      'rapport-dlq-reason': 'unreadable',
      'rapport-dlq-detail': 'the message is not valid JSON',
      'rapport-dlq-source-topic': 'rapport.customer-events.v1',
      'rapport-dlq-source-partition': '3',
      'rapport-dlq-source-offset': '12345678901',
    });
  });

  it('lists the invalid fields, and reads back the same', () => {
    const record = deadLetterRecord(message, {
      kind: 'dead-letter',
      verdict: {
        reason: 'invalid',
        errors: [
          { field: 'data.csat', message: 'csat must not be greater than 5' },
          { field: 'time', message: 'bad' },
        ],
      },
      value: null,
    });
    expect(readDeadLetterHeaders(record.headers)).toEqual({
      reason: 'invalid',
      fields: ['data.csat', 'time'],
      rule: undefined,
      topic: message.topic,
      partition: 3,
      offset: '12345678901',
    });
  });

  it('names the broken rule', () => {
    const record = deadLetterRecord(message, {
      kind: 'dead-letter',
      verdict: { reason: 'rejected', rule: 'customer-not-active', detail: 'customer C-1 has not been activated' },
      value: null,
    });
    expect(readDeadLetterHeaders(record.headers)).toEqual(expect.objectContaining({ reason: 'rejected', rule: 'customer-not-active' }));
  });
});
