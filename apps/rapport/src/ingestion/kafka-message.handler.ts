import { Logger } from '@nestjs/common';
import { decodeKafkaRecord, type DeadLetterVerdict, type InboundMessage, type MessageFate, type MessageHandler } from '@rapport/ingestion';
import type { Metrics } from '../operations/metrics';
import type { CloudEventIngestor, IngestOutcome } from './cloud-event-ingestor';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The Kafka side of ingestion: record → CloudEvent → command, and the fate the adapter settles
 * (style.md §8: invalid → DLQ `invalid` with fields, a broken rule → DLQ `rejected`, a repeat → no-op).
 */
export class KafkaMessageHandler implements MessageHandler {
  private readonly logger = new Logger('ingestion');

  constructor(
    private readonly ingestor: CloudEventIngestor,
    private readonly metrics: Metrics,
  ) {}

  async handle(message: InboundMessage): Promise<MessageFate> {
    const { fate, type } = await this.decide(message);
    const label = fate.kind === 'dead-letter' ? fate.verdict.reason : fate.kind;
    this.metrics.count('rapport_ingestion_messages_total', 'Kafka messages by fate (appended, duplicate, invalid, rejected, unreadable)', { fate: label });
    if (fate.kind === 'dead-letter') this.logDeadLetter(message, fate.verdict, type);
    return fate;
  }

  private async decide(message: InboundMessage): Promise<{ fate: MessageFate; type?: string }> {
    const parsed = decodeKafkaRecord(message.headers, message.value);
    if (parsed.kind === 'unreadable') return { fate: deadLetter({ reason: 'unreadable', detail: parsed.detail }) };
    if (parsed.kind === 'invalid') return { fate: deadLetter({ reason: 'invalid', errors: parsed.errors }) };
    const { event } = parsed;
    if (keyText(message.key) !== event.subject) {
      const errors = [{ field: 'key', message: 'the message key must be the customer id (the subject), so a customer keeps one partition and its order' }];
      return { fate: deadLetter({ reason: 'invalid', errors }), type: event.type };
    }
    return { fate: fateOf(await this.ingestor.ingest(event)), type: event.type };
  }

  private logDeadLetter(message: InboundMessage, verdict: DeadLetterVerdict, type: string | undefined): void {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset, type, customerId: keyText(message.key) };
    const why = verdict.reason === 'invalid' ? { fields: verdict.errors.map((error) => error.field) } : verdict.reason === 'rejected' ? { rule: verdict.rule } : {};
    this.logger.warn({ msg: 'message dead-lettered', reason: verdict.reason, ...where, ...why });
  }
}

function fateOf(outcome: IngestOutcome): MessageFate {
  switch (outcome.kind) {
    case 'appended':
    case 'duplicate':
      return { kind: outcome.kind };
    case 'invalid':
      return deadLetter({ reason: 'invalid', errors: outcome.errors });
    case 'rejected':
      return deadLetter({ reason: 'rejected', rule: outcome.rule, detail: outcome.message });
  }
}

function deadLetter(verdict: DeadLetterVerdict): MessageFate {
  return { kind: 'dead-letter', verdict };
}

function keyText(key: Buffer | null): string | undefined {
  if (key === null) return undefined;
  try {
    return utf8.decode(key);
  } catch {
    return undefined;
  }
}
