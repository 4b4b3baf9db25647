import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Command } from 'commander';
import { configFromEnvironment, CoreModule } from '../../rapport/src/core';
import { registerAuditCommands, wholeNumber } from './audit/audit.commands';
import { CliError } from './cli-error';
import { registerClusterCommands } from './clusters/clusters.commands';
import { registerKeyCommands } from './keys/keys.commands';
import { registerImportCommand } from './import/import.command';
import { registerProjectionCommands } from './projections/projections.commands';
import { registerRefusedCommands } from './repair/open-refused.command';
import { runDemo } from './demo/run-demo';

const openContext = () => NestFactory.createApplicationContext(CoreModule.forRoot(configFromEnvironment()), { logger: ['error', 'warn'] });

function buildProgram(): Command {
  const program = new Command('rapport').description(
    'Rapport command line: audit reads and demo traffic (DATA_DIR selects the embedded stores)',
  );
  registerAuditCommands(program, openContext);
  registerKeyCommands(program);
  registerImportCommand(program, openContext);
  registerProjectionCommands(program, openContext);
  registerRefusedCommands(program, openContext);
  registerClusterCommands(program, openContext);
  program
    .command('demo')
    .description('drive realistic customer traffic through the command path')
    .option('--customers <n>', 'customers to simulate', '1000')
    .option('--months <n>', 'months of business time', '18')
    .option('--seed <n>', 'repeatable seed (default: from the clock)')
    .option('--concurrency <n>', 'customers in flight', '16')
    .action(async (options: { customers: string; months: string; seed?: string; concurrency: string }) => {
      const seed = options.seed === undefined ? Date.now() % 1_000_000 : wholeNumber(options.seed, '--seed');
      const context = await openContext();
      try {
        const report = await runDemo(context.get(CommandBus), {
          customers: wholeNumber(options.customers, '--customers'),
          months: wholeNumber(options.months, '--months'),
          concurrency: Math.max(1, wholeNumber(options.concurrency, '--concurrency')),
          seed,
          now: new Date(),
        });
        process.stdout.write(`${JSON.stringify({ seed, ...report })}\n`);
      } finally {
        await context.close();
      }
    });
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CliError) process.stderr.write(`rapport: ${error.message}\n`);
    else Logger.error(error instanceof Error ? error.message : String(error), 'cli');
    process.exitCode = 1;
  });
