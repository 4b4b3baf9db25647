import { existsSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { CloudEventIngestor, OriginalSealer } from '../../../rapport/src/core';
import { CliError } from '../cli-error';
import { RejectFile } from './reject-file';
import { countLines, runImport } from './run-import';

type OpenContext = () => Promise<INestApplicationContext>;

/** Exit code when the import finished but refused some lines (1 stays for failures). */
export const SOME_LINES_REJECTED = 2;

/** `import <file.ndjson>`: the Kafka contract's CloudEvents from a file, through the same mapping. */
export function registerImportCommand(program: Command, open: OpenContext): void {
  program
    .command('import <file>')
    .description('import structured CloudEvents (one JSON per line, as on Kafka); refused lines go to a reject file')
    .option('--rejects <path>', 'reject file (NDJSON, one refused line each)', '<file>.rejects.ndjson')
    .action(async (file: string, options: { rejects: string }) => {
      if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
      const rejectPath = options.rejects === '<file>.rejects.ndjson' ? `${file}.rejects.ndjson` : options.rejects;
      const total = await countLines(file);
      const context = await open();
      const rejects = new RejectFile(rejectPath);
      try {
        const report = await runImport(
          file,
          CloudEventIngestor.fromContext(context, 'cli-import'),
          rejects,
          total,
          context.get(OriginalSealer),
        );
        process.stdout.write(`${JSON.stringify(report)}\n`);
        if (rejects.written > 0) process.exitCode = SOME_LINES_REJECTED;
      } finally {
        rejects.close();
        await context.close();
      }
    });
}
