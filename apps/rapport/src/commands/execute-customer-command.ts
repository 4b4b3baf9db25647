import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { sensitiveFieldsOf, type CustomerCommand, type DomainError } from '@rapport/customer-domain';
import type { CommandOutcome } from '@rapport/event-store';
import { customerStreamId, type CommandContext } from '@rapport/kernel';
import { ERASED_TEXT, KeyDestroyed, seal, sealText, type DataKey, type KeyStore, type PersonalData } from '@rapport/privacy';
import { Metrics } from '../operations/metrics';
import { CUSTOMER_PROCESSOR, KEY_STORE } from '../wiring/tokens';
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
  ) {}

  async execute({ command, context, personal }: ExecuteCustomerCommand): Promise<CustomerCommandOutcome> {
    const started = process.hrtime.bigint();
    // Erasure destroys the key before appending: should the append fail, a retry still appends
    // PersonalDataErased, and the data is unreadable either way (crypto-shredding, design.md §7).
    if (command.type === 'ErasePersonalData') await this.keys.destroy(command.customerId, new Date(command.occurredAt));
    const sealed = await this.sealPersonalData(command, personal);
    const outcome = await this.processor.execute(customerStreamId(command.customerId), sealed, context);
    const labels = { command: command.type, outcome: outcome.kind === 'rejected' ? outcome.rejection.code : outcome.kind };
    this.metrics.count('rapport_commands_total', 'Commands handled, by type and outcome', labels);
    this.metrics.observeSeconds('rapport_command_seconds', 'Time to decide and append a command', { command: command.type }, Number(process.hrtime.bigint() - started) / 1e9);
    return outcome;
  }

  /**
   * Encrypts the personal data and the free text (customer.field-classes.ts) before anything is
   * decided, so plaintext never reaches the domain or the store.
   */
  private async sealPersonalData(command: CustomerCommand, personal: PersonalData | undefined): Promise<CustomerCommand> {
    const hasPersonal = command.type === 'AcquireCustomer' && personal !== undefined && Object.keys(personal).length > 0;
    const texts = sensitiveFieldsOf(command.type).filter((field) => typeof (command.data as Record<string, unknown>)[field] === 'string');
    if (!hasPersonal && texts.length === 0) return command;
    const key = await this.liveKey(command.customerId);
    const data: Record<string, unknown> = { ...command.data };
    for (const field of texts) data[field] = key ? sealText(data[field] as string, key, command.customerId) : ERASED_TEXT;
    if (hasPersonal && key) data.personal = seal(personal, key, command.customerId);
    return { ...command, data } as CustomerCommand;
  }

  /** Undefined once the customer was erased: an acquisition is then rejected, and free text is kept as erased. */
  private async liveKey(customerId: string): Promise<DataKey | undefined> {
    try {
      return await this.keys.keyFor(customerId);
    } catch (error: unknown) {
      if (error instanceof KeyDestroyed) return undefined;
      throw error;
    }
  }
}
