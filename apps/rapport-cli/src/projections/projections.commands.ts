import type { INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '@rapport/event-store';
import {
  allProjections,
  isProjectionName,
  PROJECTION_NAMES,
  rebuildProjections,
  type ReadModelAdmin,
  type ReadModelStore,
} from '@rapport/read-models';
import type { Command } from 'commander';
import { EVENT_STORE, READ_MODEL_ADMIN, READ_MODEL_STORE } from '../../../rapport/src/core';
import { wholeNumber } from '../audit/audit.commands';
import { CliError } from '../cli-error';
import { RebuildProgress } from './rebuild-progress';
import { statusLines } from './status-lines';

type OpenContext = () => Promise<INestApplicationContext>;

/** `projections rebuild [name]` and `projections status` (issue 3): run beside a live service on the same stores. */
export function registerProjectionCommands(program: Command, open: OpenContext): void {
  const projections = program
    .command('projections')
    .description('read-model projections: rebuild from position 0, or show positions and lag');

  projections
    .command('rebuild [name]')
    .description(
      `fill fresh collections from position 0 while commands keep arriving, then swap them in (${PROJECTION_NAMES.join(', ')}; default all)`,
    )
    .option('--batch-size <n>', 'events per read', '5000')
    .option('--flush-every <n>', 'events applied between writes (documents stay in memory until then, 200,000 at most)', '1000000')
    .action(async (name: string | undefined, options: { batchSize: string; flushEvery: string }) => {
      if (name !== undefined && !isProjectionName(name))
        throw new CliError(`no projection ${name}; choose one of ${PROJECTION_NAMES.join(', ')}`);
      const selected = allProjections().filter((p) => name === undefined || p.name === name);
      await withPorts(open, async ({ events, store, admin }) => {
        const progress = new RebuildProgress(name ?? 'all projections', await events.headPosition());
        const report = await rebuildProjections(events, store, admin, selected, {
          batchSize: Math.max(1, wholeNumber(options.batchSize, '--batch-size')),
          flushEveryEvents: Math.max(1, wholeNumber(options.flushEvery, '--flush-every')),
          onProgress: (phase, at) => progress.update(phase, at),
        });
        progress.finish(report);
      });
    });

  projections
    .command('status')
    .description("each projection's checkpoint, the store's head, the lag, and whether a live projector is running")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withPorts(open, async ({ events, store }) => {
        const { lines, rows } = await statusLines(events, store, new Date());
        process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${lines.join('\n')}\n`);
      });
    });
}

interface Ports {
  readonly events: EventStore;
  readonly store: ReadModelStore;
  readonly admin: ReadModelAdmin;
}

async function withPorts(open: OpenContext, use: (ports: Ports) => Promise<void>): Promise<void> {
  const context = await open();
  try {
    await use({ events: context.get(EVENT_STORE), store: context.get(READ_MODEL_STORE), admin: context.get(READ_MODEL_ADMIN) });
  } finally {
    await context.close();
  }
}
