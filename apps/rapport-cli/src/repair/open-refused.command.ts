import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { AccessLog, OriginalSealer, RepairError } from '../../../rapport/src/core';
import { cliReader } from '../cli-auth';
import { CliError } from '../cli-error';

type OpenContext = () => Promise<INestApplicationContext>;

/**
 * `refused open [file]`: the original bytes of dead letters (their Kafka values, one per line) or
 * of an importer's reject lines, opened with the customer's key so they can be repaired and sent
 * again. Admin only, and written to each customer's access log like any read of personal data.
 */
export function registerRefusedCommands(program: Command, open: OpenContext): void {
  program
    .command('refused')
    .description('dead letters and reject-file lines, kept sealed')
    .command('open [file]')
    .description('print the original of each line (a dead letter value or a reject-file line; stdin without a file), one per line')
    .action(async (file: string | undefined) => {
      const context = await open();
      try {
        const reader = cliReader(context, 'refused open', ['admin']);
        const sealer = context.get(OriginalSealer);
        const accessLog = context.get(AccessLog);
        let number = 0;
        for await (const line of createInterface({ input: file ? createReadStream(file) : process.stdin, crlfDelay: Infinity })) {
          number++;
          if (line.trim() === '') continue;
          const { customerId, original } = await openLine(sealer, line, number);
          await accessLog.record({ ...reader, customerId });
          process.stdout.write(`${original.toString('utf8').replace(/\n/g, ' ')}\n`);
        }
      } finally {
        await context.close();
      }
    });
}

async function openLine(sealer: OriginalSealer, line: string, number: number) {
  let kept: unknown;
  try {
    kept = JSON.parse(line) as unknown;
  } catch {
    throw new CliError(`line ${number} is not JSON`);
  }
  const sealed = typeof kept === 'object' && kept !== null && 'sealedLine' in kept ? kept.sealedLine : kept;
  try {
    return await sealer.open(sealed);
  } catch (error: unknown) {
    if (error instanceof RepairError) throw new CliError(`line ${number}: ${error.message}`);
    throw error;
  }
}
