import type { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { EventStore } from '@rapport/event-store';
import {
  allProjections,
  readModelConfigOf,
  isProjectionName,
  PROJECTION_NAMES,
  rebuildGroups,
  rebuildProjections,
  type Projection,
  type ReadModelAdmin,
  type ReadModelStore,
} from '@rapport/read-models';
import type { Command } from 'commander';
import { EVENT_STORE, policyFromEnvironment, READ_MODEL_ADMIN, READ_MODEL_STORE } from '../../../rapport/src/core';
import { wholeNumber } from '../audit/audit.commands';
import { CliError } from '../cli-error';
import { RebuildProgress } from './rebuild-progress';
import { statusLines } from './status-lines';

type OpenContext = () => Promise<INestApplicationContext>;

interface RebuildCommandOptions {
  readonly batchSize: string;
  readonly flushEvery: string;
  readonly processes: string;
}

/**
 * Rebuilds each group in a child process of this CLI (`projections rebuild <group> --processes 1`),
 * all at once: every core works, each process with its own connections. Each group is a rebuild of
 * its own (fill, pause, swap), so a failed group leaves the others swapped in; the command then fails.
 */
async function rebuildInProcesses(groups: readonly (readonly Projection[])[], options: RebuildCommandOptions): Promise<void> {
  const script = process.argv[1] ?? '';
  const outcomes = await Promise.all(
    groups.map((group) => {
      const names = group.map((projection) => projection.name);
      const args = [
        script,
        'projections',
        'rebuild',
        ...names,
        '--processes',
        '1',
        '--batch-size',
        options.batchSize,
        '--flush-every',
        options.flushEvery,
      ];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      return new Promise<{ names: string[]; code: number | null }>((resolve) => child.once('exit', (code) => resolve({ names, code })));
    }),
  );
  const failed = outcomes.filter((outcome) => outcome.code !== 0);
  if (failed.length > 0) throw new CliError(`the rebuild of ${failed.map((outcome) => outcome.names.join(', ')).join(' and of ')} failed`);
}

/** `projections rebuild [name]` and `projections status` (issue 3): run beside a live service on the same stores. */
export function registerProjectionCommands(program: Command, open: OpenContext): void {
  const projections = program
    .command('projections')
    .description('read-model projections: rebuild from position 0, or show positions and lag');

  projections
    .command('rebuild [names...]')
    .description(
      `fill fresh collections from position 0 while commands keep arriving, then swap them in (${PROJECTION_NAMES.join(', ')}; default all)`,
    )
    .option('--batch-size <n>', 'events per read', '5000')
    .option('--flush-every <n>', 'events applied between writes (documents stay in memory until then, 200,000 at most)', '1000000')
    .option(
      '--processes <n>',
      'split the projections between this many processes, each with its own connections',
      String(availableParallelism()),
    )
    .action(async (names: string[], options: RebuildCommandOptions) => {
      const unknown = names.find((name) => !isProjectionName(name));
      if (unknown !== undefined) throw new CliError(`no projection ${unknown}; choose from ${PROJECTION_NAMES.join(', ')}`);
      const selected = allProjections(readModelConfigOf(policyFromEnvironment(process.env))).filter(
        (p) => names.length === 0 || names.includes(p.name),
      );
      const groups = rebuildGroups(selected, Math.max(1, wholeNumber(options.processes, '--processes')));
      if (groups.length > 1) return rebuildInProcesses(groups, options);
      await withPorts(open, async ({ events, store, admin }) => {
        const progress = new RebuildProgress(names.length === 0 ? 'all projections' : names.join(', '), await events.headPosition());
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
