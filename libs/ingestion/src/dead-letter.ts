import type { DeadLetterVerdict, InboundMessage, MessageFate } from './ingestion.port';
import type { MessageHeaders } from './cloud-event.decode';

/** Header names on a dead letter (docs/asyncapi.yaml); the original headers travel alongside, untouched. */
export const DEAD_LETTER_HEADERS = {
  reason: 'rapport-dlq-reason',
  fields: 'rapport-dlq-fields',
  rule: 'rapport-dlq-rule',
  detail: 'rapport-dlq-detail',
  topic: 'rapport-dlq-source-topic',
  partition: 'rapport-dlq-source-partition',
  offset: 'rapport-dlq-source-offset',
} as const;

export interface DeadLetterRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | string | Array<Buffer | string>>>;
}

/**
 * The original key and headers, the value the handler chose (the original bytes sealed, never in
 * plaintext), plus why and where from; messages name fields and rules, never values.
 */
export function deadLetterRecord(message: InboundMessage, fate: Extract<MessageFate, { kind: 'dead-letter' }>): DeadLetterRecord {
  return {
    key: message.key,
    value: fate.value,
    headers: { ...copyHeaders(message.headers), ...verdictHeaders(fate.verdict), ...originHeaders(message) },
  };
}

/** Reads the verdict back from a dead letter's headers (for tools and tests that consume the DLQ). */
export function readDeadLetterHeaders(headers: MessageHeaders): {
  reason?: string;
  fields?: string[];
  rule?: string;
  topic?: string;
  partition?: number;
  offset?: string;
} {
  const text = (name: string) => {
    const raw = headers[name];
    const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    return last === undefined ? undefined : last.toString();
  };
  const fields = text(DEAD_LETTER_HEADERS.fields);
  const partition = text(DEAD_LETTER_HEADERS.partition);
  return {
    reason: text(DEAD_LETTER_HEADERS.reason),
    fields: fields === undefined ? undefined : (JSON.parse(fields) as Array<{ field: string }>).map((error) => error.field),
    rule: text(DEAD_LETTER_HEADERS.rule),
    topic: text(DEAD_LETTER_HEADERS.topic),
    partition: partition === undefined ? undefined : Number(partition),
    offset: text(DEAD_LETTER_HEADERS.offset),
  };
}

function verdictHeaders(verdict: DeadLetterVerdict): Record<string, string> {
  switch (verdict.reason) {
    case 'invalid':
      return { [DEAD_LETTER_HEADERS.reason]: 'invalid', [DEAD_LETTER_HEADERS.fields]: JSON.stringify(verdict.errors) };
    case 'rejected':
      return {
        [DEAD_LETTER_HEADERS.reason]: 'rejected',
        [DEAD_LETTER_HEADERS.rule]: verdict.rule,
        [DEAD_LETTER_HEADERS.detail]: verdict.detail,
      };
    case 'unreadable':
      return { [DEAD_LETTER_HEADERS.reason]: 'unreadable', [DEAD_LETTER_HEADERS.detail]: verdict.detail };
  }
}

function originHeaders(message: InboundMessage): Record<string, string> {
  return {
    [DEAD_LETTER_HEADERS.topic]: message.topic,
    [DEAD_LETTER_HEADERS.partition]: String(message.partition),
    [DEAD_LETTER_HEADERS.offset]: message.offset,
  };
}

function copyHeaders(headers: MessageHeaders): Record<string, Buffer | string | Array<Buffer | string>> {
  const copy: Record<string, Buffer | string | Array<Buffer | string>> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith('rapport-dlq-')) continue;
    copy[name] = Array.isArray(value) ? [...(value as ReadonlyArray<Buffer | string>)] : (value as Buffer | string);
  }
  return copy;
}
