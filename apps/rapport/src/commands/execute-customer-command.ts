import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CustomerCommand, DomainError } from '@rapport/customer-domain';
import type { CommandOutcome } from '@rapport/event-store';
import { customerStreamId, type CommandContext } from '@rapport/kernel';
import type { KeyStore, PersonalData } from '@rapport/privacy';
import { Metrics } from '../operations/metrics';
import { AppendNotices } from './append-notices';
import { CommandsInFlight } from './commands-in-flight';
import { CUSTOMER_PROCESSOR, KEY_STORE } from '../wiring/tokens';
import { sealForStorage } from './seal-for-storage';
import type { CustomerProcessor } from '../wiring/customer-processor';

export type CustomerCommandOutcome = CommandOutcome<DomainError>;

/** The one bus command (style.md §5): any domain command, its context, and personal data to seal. */
export class ExecuteCustomerCommand extends Command<CustomerCommandOutcome> {
  constructor(
    readonly command: CustomerCommand,
    readonly context: CommandContext,
    readonly personal?: PersonalData,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCustomerCommand)
export class ExecuteCustomerCommandHandler implements ICommandHandler<ExecuteCustomerCommand, CustomerCommandOutcome> {
  constructor(
    @Inject(CUSTOMER_PROCESSOR) private readonly processor: CustomerProcessor,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly metrics: Metrics,
    private readonly inFlight: CommandsInFlight,
    private readonly appends: AppendNotices,
  ) {}

  execute({ command, context, personal }: ExecuteCustomerCommand): Promise<CustomerCommandOutcome> {
    return this.inFlight.track(context.causationId, this.run(command, context, personal));
  }

  private async run(
    command: CustomerCommand,
    context: CommandContext,
    personal: PersonalData | undefined,
  ): Promise<CustomerCommandOutcome> {
    const started = process.hrtime.bigint();
    // Erasure destroys the key before appending: should the append fail, a retry still appends
    // PersonalDataErased, and the data is unreadable either way (crypto-shredding, design.md §7).
    if (command.type === 'ErasePersonalData') await this.keys.destroy(command.customerId, new Date(command.occurredAt));
    const sealed = await sealForStorage(this.keys, command, personal);
    const outcome = await this.processor.execute(customerStreamId(command.customerId), sealed, context);
    if (outcome.kind === 'appended') this.appends.notify();
    const labels = { command: command.type, outcome: outcome.kind === 'rejected' ? outcome.rejection.code : outcome.kind };
    this.metrics.count('rapport_commands_total', 'Commands handled, by type and outcome', labels);
    this.metrics.observeSeconds(
      'rapport_command_seconds',
      'Time to decide and append a command',
      { command: command.type },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    return outcome;
  }
}
