import type { INestApplicationContext } from '@nestjs/common';
import type { ScriptedCommand } from '../../../../apps/rapport-cli/src/demo/demo-scenario';
import { Args } from '../../support/args';
import { commandBusOf, executeOn, openCore, SYNCHRONOUS_MODES, warmStateCache } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { figure, perSecond } from '../../support/stats';
import { commandMix, customerMix, workloadShape } from '../../workload/customer-mix';
import { runInFlight } from '../../workload/in-flight';

/**
 * Scenario 1, the append path: commands through the CommandBus (seal, decide, hash-chain,
 * append) on the embedded SQLite store.
 *   --mode=seed     runs the seed part of the workload into --data (NORMAL, 64 in flight)
 *   --mode=measure  runs warm-up and measured runs on a copy of the seeded --data
 */
interface Tally {
  events: number;
}

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const shape = workloadShape(args.has('quick'));
  const mix = customerMix(shape);
  const dataDir = args.text('data');
  if (args.oneOf('mode', ['seed', 'measure']) === 'seed') return seed(dataDir, mix.seed);

  const synchronous = args.oneOf('sync', SYNCHRONOUS_MODES);
  const inFlight = args.number('in-flight');
  const core = await openCore(dataDir, synchronous);
  try {
    await warmStateCache(core, new Set(mix.seed.map((step) => step.command.customerId)));
    await drive(core, mix.warmup, inFlight, 0);
    const commandRates: number[] = [];
    const eventRates: number[] = [];
    let sequence = mix.warmup.length;
    for (const [index, run] of mix.runs.entries()) {
      const started = process.hrtime.bigint();
      const tally = await drive(core, run, inFlight, sequence);
      const elapsed = process.hrtime.bigint() - started;
      sequence += run.length;
      commandRates.push(perSecond(run.length, elapsed));
      eventRates.push(perSecond(tally.events, elapsed));
      progress(`run ${index + 1}: ${Math.round(commandRates.at(-1) ?? 0)} commands/s`);
    }
    emitResult({
      scenario: 'append',
      params: { synchronous, inFlight, customers: shape.customers, commandsPerRun: shape.runCommands, warmup: shape.warmupCommands },
      figures: { commandsPerSecond: figure('commands/s', commandRates), eventsPerSecond: figure('events/s', eventRates) },
      notes: [`measured mix: ${JSON.stringify(commandMix(mix.runs.flat()))}`],
    });
  } finally {
    await core.close();
  }
}

async function seed(dataDir: string, commands: readonly ScriptedCommand[]): Promise<void> {
  const core = await openCore(dataDir, 'NORMAL');
  const started = process.hrtime.bigint();
  try {
    const tally = await drive(core, commands, 64, 0);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    emitResult({
      scenario: 'append-seed',
      params: { commands: commands.length },
      figures: { seconds: figure('s', [seconds]), events: figure('events', [tally.events]) },
    });
  } finally {
    await core.close();
  }
}

async function drive(
  core: INestApplicationContext,
  commands: readonly ScriptedCommand[],
  inFlight: number,
  firstSequence: number,
): Promise<Tally> {
  const bus = commandBusOf(core);
  const tally: Tally = { events: 0 };
  await runInFlight(
    commands,
    inFlight,
    (step) => step.command.customerId,
    async (step, index) => {
      const appended = await executeOn(bus, step, firstSequence + index);
      tally.events += appended;
    },
  );
  return tally;
}

runMain(main);
