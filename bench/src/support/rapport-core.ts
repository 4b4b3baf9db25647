import 'reflect-metadata';
import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandProcessor } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { configFromEnvironment, CoreModule, ExecuteCustomerCommand } from '../../../apps/rapport/src/core';
import { CUSTOMER_PROCESSOR } from '../../../apps/rapport/src/wiring/tokens';
import type { ScriptedCommand } from '../../../apps/rapport-cli/src/demo/demo-scenario';
import { benchContext } from '../workload/customer-mix';

export type Synchronous = 'FULL' | 'NORMAL';
export const SYNCHRONOUS_MODES: readonly Synchronous[] = ['FULL', 'NORMAL'];

/** A bench-only admin key; the service is configured with its hash, as with any key. */
export const BENCH_API_KEY = 'rpk_bench-only-not-a-secret';

/** The environment Rapport reads (api.md "Configuration") for a bench run on the embedded stores. */
export function rapportEnvironment(dataDir: string, synchronous: Synchronous): NodeJS.ProcessEnv {
  const hash = createHash('sha256').update(BENCH_API_KEY, 'utf8').digest('hex');
  // The per-client rate limit stays in the request path but high enough never to answer 429.
  return { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: synchronous, RAPPORT_API_KEYS: `bench:admin:${hash}`, RAPPORT_RATE_LIMIT: '1000000' };
}

/** The service's own wiring (CoreModule: ports, write loop, audit) without HTTP, as the CLI opens it. */
export async function openCore(dataDir: string, synchronous: Synchronous): Promise<INestApplicationContext> {
  const config = configFromEnvironment(rapportEnvironment(dataDir, synchronous));
  return NestFactory.createApplicationContext(CoreModule.forRoot(config), { logger: ['error', 'warn'] });
}

/** Sends one scripted command through the CommandBus; resolves to the number of events appended. */
export async function executeOn(bus: CommandBus, step: ScriptedCommand, sequence: number): Promise<number> {
  const outcome = await bus.execute(new ExecuteCustomerCommand(step.command, benchContext(sequence), step.personal));
  return outcome.kind === 'appended' ? outcome.eventTypes.length : 0;
}

export function commandBusOf(context: INestApplicationContext): CommandBus {
  return context.get(CommandBus);
}

/** Folds each customer's stream into the write loop's state cache, as a running service would have it. */
export async function warmStateCache(context: INestApplicationContext, customerIds: Iterable<string>): Promise<void> {
  const processor = context.get<symbol, CommandProcessor<unknown, never, unknown, unknown>>(CUSTOMER_PROCESSOR);
  for (const customerId of customerIds) await processor.load(customerStreamId(customerId));
}
