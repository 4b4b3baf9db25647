import type { CommandContext } from '@rapport/kernel';
import { customerScript, type ScriptedCommand } from '../../../apps/rapport-cli/src/demo/demo-scenario';

/**
 * The append workload: the demo generator's customer lives over a window of business time,
 * merged in business-time order, as upstream channels would send them. The early part
 * (acquisitions, activations) is the seed that gives every customer a history; the measured
 * part is the steady traffic after it: mostly transactions, then surveys, redemptions,
 * complaints and churn, spread over thousands of customers.
 */
export interface WorkloadShape {
  readonly customers: number;
  readonly months: number;
  readonly warmupCommands: number;
  readonly runCommands: number;
  readonly runs: number;
}

export const FULL_WORKLOAD: WorkloadShape = { customers: 10_000, months: 3, warmupCommands: 4_000, runCommands: 12_000, runs: 3 };
export const QUICK_WORKLOAD: WorkloadShape = { customers: 2_000, months: 3, warmupCommands: 500, runCommands: 2_000, runs: 3 };

const WINDOW_END = new Date('2026-11-01T00:00:00.000Z');
const SEED = 7;
const DAY = 86_400_000;

export interface CustomerMix {
  readonly seed: readonly ScriptedCommand[];
  readonly warmup: readonly ScriptedCommand[];
  readonly runs: readonly (readonly ScriptedCommand[])[];
}

export function workloadShape(isQuick: boolean): WorkloadShape {
  return isQuick ? QUICK_WORKLOAD : FULL_WORKLOAD;
}

export function customerMix(shape: WorkloadShape): CustomerMix {
  const all = mergedCommands(shape);
  const measured = shape.warmupCommands + shape.runs * shape.runCommands;
  if (measured >= all.length) throw new Error(`the workload has ${all.length} commands, fewer than the ${measured} to measure`);
  const seedEnd = all.length - measured;
  const warmupEnd = seedEnd + shape.warmupCommands;
  const runs = Array.from({ length: shape.runs }, (_, run) =>
    all.slice(warmupEnd + run * shape.runCommands, warmupEnd + (run + 1) * shape.runCommands),
  );
  return { seed: all.slice(0, seedEnd), warmup: all.slice(seedEnd, warmupEnd), runs };
}

/** Every customer's script, merged by business time; the sort is stable, so each customer's order holds. */
export function mergedCommands(shape: WorkloadShape): ScriptedCommand[] {
  const windowStart = new Date(WINDOW_END.getTime() - shape.months * 30 * DAY);
  const all: ScriptedCommand[] = [];
  for (let index = 0; index < shape.customers; index++) {
    all.push(...customerScript(benchCustomerId(index), SEED * 1_000_003 + index, windowStart, WINDOW_END));
  }
  return all.sort((a, b) => (a.command.occurredAt < b.command.occurredAt ? -1 : a.command.occurredAt > b.command.occurredAt ? 1 : 0));
}

export function benchCustomerId(index: number): string {
  return `bench-${index}`;
}

export function benchContext(sequence: number): CommandContext {
  return { correlationId: `bench-${sequence}`, actor: 'bench', channel: 'bench' };
}

/** How many commands of each type, for the report. */
export function commandMix(commands: readonly ScriptedCommand[]): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const { command } of commands) mix[command.type] = (mix[command.type] ?? 0) + 1;
  return mix;
}
