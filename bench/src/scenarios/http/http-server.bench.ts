import { configFromEnvironment } from '../../../../apps/rapport/src/core';
import { customerScript } from '../../../../apps/rapport-cli/src/demo/demo-scenario';
import { Args } from '../../support/args';
import { commandBusOf, executeOn, openCore, rapportEnvironment, SYNCHRONOUS_MODES } from '../../support/rapport-core';
import { emitResult, progress, runMain } from '../../support/scenario-result';
import { serveCaughtUp } from '../../support/serve-caught-up';
import { figure } from '../../support/stats';
import { runInFlight } from '../../workload/in-flight';

/**
 * The service under HTTP load, in a process of its own so the load generator does not share
 * its event loop: seeds --customers demo customers (six months each, through the command bus),
 * then serves the real HTTP app at --sync on 127.0.0.1, waits until its projections have applied
 * the seeded events (so that the scenario measures serving, not the projector's first catch-up),
 * prints its URL and the ids of the customers still active as one JSON line, and runs until SIGTERM.
 */
const WINDOW_END = new Date('2026-11-01T00:00:00.000Z');
const SIX_MONTHS = 180 * 86_400_000;
const CATCH_UP_TIMEOUT_MS = 300_000;

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const dataDir = args.text('data');
  const active = await seed(dataDir, args.number('customers'));
  const config = configFromEnvironment({
    ...rapportEnvironment(dataDir, args.oneOf('sync', SYNCHRONOUS_MODES)),
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const { url, caughtUpMs } = await serveCaughtUp(config, CATCH_UP_TIMEOUT_MS);
  progress(`projections caught up in ${caughtUpMs} ms`);
  emitResult({
    scenario: 'http-server',
    params: { url, customers: active.join(',') },
    figures: { activeCustomers: figure('customers', [active.length]) },
  });
}

/** Returns the customers whose script leaves them active (acquired, activated, not churned). */
async function seed(dataDir: string, customers: number): Promise<string[]> {
  const core = await openCore(dataDir, 'NORMAL');
  const bus = commandBusOf(core);
  const active: string[] = [];
  const scripts = Array.from({ length: customers }, (_, index) => {
    const customerId = `http-${index}`;
    const script = customerScript(customerId, 11 * 1_000_003 + index, new Date(WINDOW_END.getTime() - SIX_MONTHS), WINDOW_END);
    const types = script.map((step) => step.command.type);
    if (types.includes('ActivateCustomer') && !types.includes('ChurnCustomer')) active.push(customerId);
    return script;
  });
  await runInFlight(
    scripts,
    64,
    (script) => script[0]?.command.customerId ?? '',
    async (script) => {
      for (const step of script) await executeOn(bus, step, 0);
    },
  );
  await core.close();
  progress(`seeded ${customers} customers (${active.length} active)`);
  return active;
}

runMain(main, { keepAlive: true });
