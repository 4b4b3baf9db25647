import { Logger } from '@nestjs/common';
import { decodeKafkaRecord, type DeadLetterVerdict, type InboundMessage, type MessageFate, type MessageHandler } from '@rapport/ingestion';
import type { Metrics } from '../operations/metrics';
import type { OriginalSealer } from '../privacy/sealed-original';
import type { CloudEventIngestor, IngestOutcome } from './cloud-event-ingestor';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What became of a message, before a dead letter's bytes are sealed for the customer it names. */
interface Judged {
  readonly verdict: DeadLetterVerdict | 'appended' | 'duplicate';
  readonly type?: string;
  readonly customerId?: string;
}

/**
 * The Kafka side of ingestion: record → CloudEvent → command, and the fate the adapter settles
 * (style.md §8: invalid → DLQ `invalid` with fields, a broken rule → DLQ `rejected`, a repeat → no-op).
 * A dead letter carries the original bytes sealed under the customer's key (sealed-original.ts).
 */
export class KafkaMessageHandler implements MessageHandler {
  private readonly logger = new Logger('ingestion');

  constructor(
    private readonly ingestor: CloudEventIngestor,
    private readonly metrics: Metrics,
    private readonly sealer: OriginalSealer,
  ) {}

  async handle(message: InboundMessage): Promise<MessageFate> {
    const { fate, type } = await this.decide(message);
    const label = fate.kind === 'dead-letter' ? fate.verdict.reason : fate.kind;
    this.metrics.count('rapport_ingestion_messages_total', 'Kafka messages by fate (appended, duplicate, invalid, rejected, unreadable)', {
      fate: label,
    });
    if (fate.kind === 'dead-letter') this.logDeadLetter(message, fate.verdict, type);
    return fate;
  }

  private async decide(message: InboundMessage): Promise<{ fate: MessageFate; type?: string }> {
    const { verdict, type, customerId } = await this.verdictOn(message);
    if (typeof verdict === 'string') return { fate: { kind: verdict }, type };
    const value =
      message.value === null
        ? null
        : Buffer.from(JSON.stringify(await this.sealer.seal(message.value, customerId ?? keyText(message.key))));
    return { fate: { kind: 'dead-letter', verdict, value }, type };
  }

  private async verdictOn(message: InboundMessage): Promise<Judged> {
    const parsed = decodeKafkaRecord(message.headers, message.value);
    if (parsed.kind === 'unreadable') return { verdict: { reason: 'unreadable', detail: parsed.detail } };
    if (parsed.kind === 'invalid') return { verdict: { reason: 'invalid', errors: parsed.errors } };
    const { event } = parsed;
    const about = { type: event.type, customerId: event.subject };
    if (keyText(message.key) !== event.subject) {
      const errors = [
        { field: 'key', message: 'the message key must be the customer id (the subject), so a customer keeps one partition and its order' },
      ];
      return { verdict: { reason: 'invalid', errors }, ...about };
    }
    return { verdict: verdictOf(await this.ingestor.ingest(event)), ...about };
  }

  private logDeadLetter(message: InboundMessage, verdict: DeadLetterVerdict, type: string | undefined): void {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset, type, customerId: keyText(message.key) };
    const why =
      verdict.reason === 'invalid'
        ? { fields: verdict.errors.map((error) => error.field) }
        : verdict.reason === 'rejected'
          ? { rule: verdict.rule }
          : {};
    this.logger.warn({ msg: 'message dead-lettered', reason: verdict.reason, ...where, ...why });
  }
}

function verdictOf(outcome: IngestOutcome): Judged['verdict'] {
  switch (outcome.kind) {
    case 'appended':
    case 'duplicate':
      return outcome.kind;
    case 'invalid':
      return { reason: 'invalid', errors: outcome.errors };
    case 'rejected':
      return { reason: 'rejected', rule: outcome.rule, detail: outcome.message };
  }
}

function keyText(key: Buffer | null): string | undefined {
  if (key === null) return undefined;
  try {
    return utf8.decode(key);
  } catch {
    return undefined;
  }
}
