import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { sourceMessageOf, type CloudEvent, type FieldError } from '@rapport/ingestion';
import type { CommandContext } from '@rapport/kernel';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import type { ToCommand } from '../commands/to-command';
import { TO_COMMAND } from '../wiring/tokens';
import { commandFromCloudEvent } from './command-from-cloud-event';

/** What became of one upstream event: the same four answers for Kafka and the importer. */
export type IngestOutcome =
  | { readonly kind: 'appended'; readonly customerId: string; readonly commandType: string }
  | { readonly kind: 'duplicate'; readonly customerId: string; readonly commandType: string }
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  | {
      readonly kind: 'rejected';
      readonly customerId: string;
      readonly commandType: string;
      readonly rule: string;
      readonly message: string;
    };

/** A `correlationid` used as given (docs/asyncapi.yaml): 1-128 letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit. */
const CORRELATION_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Validates a CloudEvent, maps it to a command and sends it on the bus. The event's source + id
 * make the event ids deterministic (design.md §3): a message seen before appends nothing and is a duplicate.
 * Store failures are thrown, for the caller to retry.
 */
export class CloudEventIngestor {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly mapper: ToCommand,
    private readonly actor: string,
  ) {}

  static fromContext(context: INestApplicationContext, actor: string): CloudEventIngestor {
    return new CloudEventIngestor(context.get(CommandBus), context.get<ToCommand>(TO_COMMAND), actor);
  }

  async ingest(event: CloudEvent): Promise<IngestOutcome> {
    const mapped = await commandFromCloudEvent(event, this.mapper);
    if (mapped.kind === 'invalid') return mapped;
    const { command, personal } = mapped;
    const outcome = await this.commandBus.execute(new ExecuteCustomerCommand(command, this.contextFor(event), personal));
    const about = { customerId: command.customerId, commandType: command.type };
    if (outcome.kind === 'rejected')
      return { kind: 'rejected', ...about, rule: outcome.rejection.code, message: outcome.rejection.message };
    return { kind: outcome.kind === 'appended' ? 'appended' : 'duplicate', ...about };
  }

  /**
   * The message caused the events, so it is their causation id (`ce <source> <id>`); the correlation id
   * is the producer's `correlationid` extension when it is a token, else one derived from the message.
   */
  private contextFor(event: CloudEvent): CommandContext {
    const sourceMessage = sourceMessageOf(event);
    const given = event.extensions.correlationid;
    const correlationId =
      given !== undefined && CORRELATION_TOKEN.test(given)
        ? given
        : `ce-${createHash('sha256').update(sourceMessage).digest('hex').slice(0, 32)}`;
    return { correlationId, causationId: sourceMessage, actor: this.actor, channel: event.source, sourceMessage };
  }
}
