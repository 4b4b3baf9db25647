import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { AnchorsService, AuditService, type Reader } from '../../../rapport/src/core';
import { cliReader } from '../cli-auth';
import { toInstant } from '@rapport/kernel';
import { CliError } from '../cli-error';

type OpenContext = () => Promise<INestApplicationContext>;

/** `audit history|state|verify`: auditors' reads of one customer, printed as JSON. */
export function registerAuditCommands(program: Command, open: OpenContext): void {
  const audit = program.command('audit').description("read one customer's history, state at an instant, or verify it");

  audit
    .command('history <customerId>')
    .option('--from-revision <n>', 'first revision', '0')
    .option('--limit <n>', 'events at most', '1000')
    .action(async (customerId: string, options: { fromRevision: string; limit: string }) => {
      const fromRevision = wholeNumber(options.fromRevision, '--from-revision');
      const limit = wholeNumber(options.limit, '--limit');
      await withAudit(open, 'audit history', async (service, reader) =>
        print(orMissing(await service.history(reader, customerId, fromRevision, limit), customerId)),
      );
    });

  audit
    .command('state <customerId>')
    .requiredOption('--as-of <time>', 'ISO 8601 instant, e.g. 2026-03-01T00:00:00Z')
    .option('--basis <basis>', 'occurred (business time) or recorded (store time)', 'occurred')
    .action(async (customerId: string, options: { asOf: string; basis: string }) => {
      const asOf = instant(options.asOf);
      if (options.basis !== 'occurred' && options.basis !== 'recorded')
        throw new CliError(`--basis must be occurred or recorded, got ${options.basis}`);
      const basis = options.basis;
      await withAudit(open, 'audit state', async (service, reader) =>
        print(orMissing(await service.stateAsOf(reader, customerId, asOf, basis), customerId)),
      );
    });

  const anchors = audit.command('anchors').description("signed digests of the store's head, kept apart from it");
  anchors
    .command('export')
    .description('print every anchor, the anchor file verdict and the public key that checks them (exit 2 when the file is faulty)')
    .action(async () => {
      await withContext(open, async (context) => {
        cliReader(context, 'audit anchors export', ['auditor']);
        const exported = context.get(AnchorsService).export();
        print(exported);
        if (!exported.verdict.valid) process.exitCode = 2;
      });
    });
  anchors
    .command('verify')
    .description('check every anchored stream against its hash chain and its anchors (exit 2 when any fails)')
    .action(async () => {
      await withContext(open, async (context) => {
        cliReader(context, 'audit anchors verify', ['auditor']);
        const checked = await context.get(AnchorsService).verifyAll();
        print(checked);
        if (!checked.verdict.valid || checked.broken.length > 0) process.exitCode = 2;
      });
    });
  anchors
    .command('create')
    .description("sign a digest of the store's head now (admin)")
    .action(async () => {
      await withContext(open, async (context) => {
        cliReader(context, 'audit anchors create', ['admin']);
        const { heads, ...anchor } = await context.get(AnchorsService).anchor();
        print({ ...anchor, streams: heads.length });
      });
    });

  audit
    .command('verify <customerId>')
    .description('check the hash chain and the anchors; exit code 2 when either is broken')
    .action(async (customerId: string) => {
      await withAudit(open, 'audit verify', async (service, reader) => {
        const verdict = orMissing(await service.verify(reader, customerId), customerId);
        print(verdict);
        if (!verdict.valid) process.exitCode = 2;
      });
    });
}

async function withAudit(open: OpenContext, command: string, use: (service: AuditService, reader: Reader) => Promise<void>): Promise<void> {
  await withContext(open, (context) => use(context.get(AuditService), cliReader(context, command, ['auditor'])));
}

async function withContext(open: OpenContext, use: (context: INestApplicationContext) => Promise<void>): Promise<void> {
  const context = await open();
  try {
    await use(context);
  } finally {
    await context.close();
  }
}

function orMissing<T>(value: T | undefined, customerId: string): T {
  if (value === undefined) throw new CliError(`no customer ${customerId}`);
  return value;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new CliError(`${flag} must be a whole number, got ${text}`);
  return value;
}

function instant(text: string): Date {
  const value = toInstant(text);
  if (value === undefined) throw new CliError(`--as-of must be an ISO 8601 instant with a zone, e.g. 2026-03-01T00:00:00Z; got ${text}`);
  return new Date(value);
}
