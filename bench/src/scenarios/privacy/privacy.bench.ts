import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { CustomerCommand } from '@rapport/customer-domain';
import type { EventStore } from '@rapport/event-store';
import { customerStreamId, systemClock } from '@rapport/kernel';
import type { KeyStore } from '@rapport/privacy';
import { AnchorsService, configFromEnvironment } from '../../../../apps/rapport/src/core';
import { sealForStorage } from '../../../../apps/rapport/src/commands/seal-for-storage';
import { CUSTOMER_PROCESSOR, EVENT_STORE, KEY_STORE } from '../../../../apps/rapport/src/wiring/tokens';
import type { CustomerProcessor } from '../../../../apps/rapport/src/wiring/customer-processor';
import { Args } from '../../support/args';
import { openCore } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { figure, millisecondsSince, perSecond } from '../../support/stats';
import { benchContext } from '../../workload/customer-mix';
import { runInFlight } from '../../workload/in-flight';

/**
 * Issue 14 "Performance": what sealing the free text and anchoring cost the append path. The same
 * churn/reactivation commands (each with a free-text reason) run through the write loop three
 * ways, 64 in flight at NORMAL: `plain` as the text arrives (the append path before sealing),
 * `sealed` as the command handler seals it, and `sealed+anchoring` with an anchor signed every
 * ANCHOR_EVERY_MS meanwhile. Then one anchor over the whole store and one over the last run alone.
 */
const ANCHOR_EVERY_MS = 250;
const VARIANTS = ['plain', 'sealed', 'sealed+anchoring'] as const;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const REASON = 'moved abroad to live with family; asked us to keep the account open until the house is sold';

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const isQuick = args.has('quick');
  const customers = isQuick ? 200 : 2_000;
  const perRun = isQuick ? 2_000 : 20_000;
  const dataDir = args.text('data');
  const core = await openCore(dataDir, 'NORMAL');
  try {
    const processor = core.get<symbol, CustomerProcessor>(CUSTOMER_PROCESSOR);
    const keys = core.get<symbol, KeyStore>(KEY_STORE);
    let sequence = await seed(processor, keys, customers);
    const rates: Record<string, number[]> = Object.fromEntries(VARIANTS.map((variant) => [variant, []]));
    for (let run = 0; run < 4; run++) {
      for (const variant of VARIANTS) {
        const commands = cycle(customers, perRun, sequence);
        sequence += perRun;
        // Anchoring starts from an anchor at the head, as in a service that has been anchoring all along.
        if (variant === 'sealed+anchoring') await core.get(AnchorsService).anchorIfMoved();
        const started = process.hrtime.bigint();
        await drive(core, processor, keys, commands, variant);
        // The first round warms up; it is not kept.
        if (run > 0) rates[variant].push(perSecond(perRun, process.hrtime.bigint() - started));
      }
      progress(`round ${run + 1}: ${VARIANTS.map((variant) => `${variant} ${Math.round(rates[variant].at(-1) ?? 0)}/s`).join(', ')}`);
    }
    const anchorTimes = await anchorDurations(core, dataDir, async () => {
      await drive(core, processor, keys, cycle(customers, perRun, sequence), 'sealed');
      sequence += perRun;
    });
    emitResult({
      scenario: 'privacy',
      params: { customers, commandsPerRun: perRun, inFlight: 64, synchronous: 'NORMAL', anchorEveryMs: ANCHOR_EVERY_MS },
      figures: {
        ...Object.fromEntries(VARIANTS.map((variant) => [`append.${variant}`, figure('commands/s', rates[variant])])),
        'anchor.whole-store': figure('ms', anchorTimes.whole),
        'anchor.one-run': figure('ms', anchorTimes.incremental),
      },
      notes: [`an anchor over the whole store read ${anchorTimes.events} events; one over a run read ${perRun}`],
    });
  } finally {
    await core.close();
  }
}

async function seed(processor: CustomerProcessor, keys: KeyStore, customers: number): Promise<number> {
  const acquisitions: CustomerCommand[] = [];
  for (let index = 0; index < customers; index++) {
    const customerId = `priv-${index}`;
    acquisitions.push({
      type: 'AcquireCustomer',
      customerId,
      occurredAt: at(0),
      data: { customerType: 'individual', channel: 'web', assets: { amount: '1000.00', currency: 'CNY' }, riskProfile: 'C2' },
    });
    acquisitions.push({ type: 'ActivateCustomer', customerId, occurredAt: at(1), data: { product: 'savings' } });
  }
  await runInFlight(
    acquisitions,
    64,
    (command) => command.customerId,
    async (command, index) =>
      void (await processor.execute(
        customerStreamId(command.customerId),
        await sealForStorage(keys, command, undefined),
        benchContext(index),
      )),
  );
  return acquisitions.length;
}

/** Churn, reactivation, churn ... per customer, so every command appends one event with free text. */
function cycle(customers: number, count: number, firstSequence: number): CustomerCommand[] {
  return Array.from({ length: count }, (_, index) => {
    const sequence = firstSequence + index;
    const customerId = `priv-${index % customers}`;
    const round = Math.floor(sequence / customers);
    const reason = `${REASON} (${sequence})`;
    return round % 2 === 0
      ? { type: 'ChurnCustomer', customerId, occurredAt: at(sequence), data: { reason } }
      : { type: 'ReactivateCustomer', customerId, occurredAt: at(sequence), data: { reason } };
  });
}

async function drive(
  core: INestApplicationContext,
  processor: CustomerProcessor,
  keys: KeyStore,
  commands: readonly CustomerCommand[],
  variant: (typeof VARIANTS)[number],
): Promise<void> {
  const anchors = core.get(AnchorsService);
  let anchoring: Promise<unknown> = Promise.resolve();
  const timer = variant === 'sealed+anchoring' ? setInterval(() => (anchoring = anchors.anchorIfMoved()), ANCHOR_EVERY_MS) : undefined;
  try {
    await runInFlight(
      commands,
      64,
      (command) => command.customerId,
      async (command, index) => {
        const stored = variant === 'plain' ? command : await sealForStorage(keys, command, undefined);
        const outcome = await processor.execute(customerStreamId(command.customerId), stored, benchContext(index));
        if (outcome.kind === 'rejected') throw new Error(`${command.type} rejected: ${outcome.rejection.code}`);
      },
    );
  } finally {
    clearInterval(timer);
    await anchoring;
  }
}

/** One anchor over the whole store (the first anchor of an existing store), and one over a run of commands alone. */
async function anchorDurations(core: INestApplicationContext, dataDir: string, nextRun: () => Promise<void>) {
  const store = core.get<symbol, EventStore>(EVENT_STORE);
  const whole: number[] = [];
  const incremental: number[] = [];
  for (let run = 0; run < 3; run++) {
    const config = configFromEnvironment({ DATA_DIR: dataDir, RAPPORT_ANCHOR_FILE: join(dataDir, `whole-store-${run}.anchors.ndjson`) });
    const started = process.hrtime.bigint();
    await new AnchorsService(store, config, systemClock).anchor();
    whole.push(millisecondsSince(started));
    await nextRun();
    const again = process.hrtime.bigint();
    await core.get(AnchorsService).anchor();
    incremental.push(millisecondsSince(again));
  }
  return { whole, incremental, events: await store.headPosition() };
}

function at(offset: number): string {
  return new Date(START + offset * 1_000).toISOString();
}

runMain(main);
