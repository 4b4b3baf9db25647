import type { CommandBus } from '@nestjs/cqrs';
import { ExecuteCustomerCommand, type CustomerCommandOutcome } from '../../../rapport/src/core';
import { ProgressBar } from '../progress-bar';
import { customerScript, type ScriptedCommand } from './demo-scenario';

export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  readonly months: number;
  readonly concurrency: number;
  readonly now: Date;
}

export interface DemoReport {
  readonly customers: number;
  readonly commands: number;
  readonly appended: number;
  readonly unchanged: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** Drives generated customer lives through the command bus, several customers at a time. */
export async function runDemo(commandBus: CommandBus, options: DemoOptions): Promise<DemoReport> {
  const started = Date.now();
  const windowEnd = options.now;
  const windowStart = new Date(windowEnd.getTime() - options.months * 30 * 86_400_000);
  const tally = { commands: 0, appended: 0, unchanged: 0, rejected: {} as Record<string, number> };
  const progress = new ProgressBar('demo', options.customers, 'customers');
  let next = 0;

  const worker = async () => {
    while (next < options.customers) {
      const index = next++;
      const customerId = `demo-${options.seed}-${index}`;
      for (const step of customerScript(customerId, options.seed * 1_000_003 + index, windowStart, windowEnd)) {
        count(tally, await execute(commandBus, step, options.seed, index));
      }
      progress.tick(1, `${tally.commands} commands`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  progress.finish(`${options.customers} customers, ${tally.commands} commands in ${seconds.toFixed(1)} s`);
  return { customers: options.customers, ...tally, seconds };
}

function execute(commandBus: CommandBus, step: ScriptedCommand, seed: number, index: number): Promise<CustomerCommandOutcome> {
  const context = { correlationId: `demo-${seed}-${index}`, actor: 'demo', channel: 'demo' };
  return commandBus.execute(new ExecuteCustomerCommand(step.command, context, step.personal));
}

function count(
  tally: { commands: number; appended: number; unchanged: number; rejected: Record<string, number> },
  outcome: CustomerCommandOutcome,
): void {
  tally.commands++;
  if (outcome.kind === 'appended') tally.appended++;
  else if (outcome.kind === 'unchanged') tally.unchanged++;
  else tally.rejected[outcome.rejection.code] = (tally.rejected[outcome.rejection.code] ?? 0) + 1;
}
