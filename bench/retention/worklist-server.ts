import type { CustomerCommand } from '@rapport/customer-domain';
import { configFromEnvironment, ExecuteCustomerCommand } from '../../apps/rapport/src/core';
import { Args } from '../src/support/args';
import { commandBusOf, openCore, rapportEnvironment } from '../src/support/rapport-core';
import { emitResult, progress, runMain } from '../src/support/scenario-result';
import { serveCaughtUp } from '../src/support/serve-caught-up';
import { figure } from '../src/support/stats';
import { benchContext } from '../src/workload/customer-mix';
import { runInFlight } from '../src/workload/in-flight';

/**
 * The service behind the worklist bench, in a process of its own: seeds --customers customers whose
 * churn risk spreads over the whole range (dormancy from 0 to 240 days, every 7th with falling
 * satisfaction, every 11th with an overdue complaint, every 5th with a detractor answer), assesses
 * each as of NOW as the sweep would, serves the HTTP app (sweeps off) once its read side has caught
 * up, and prints its URL as one JSON line.
 */
export const NOW = '2026-11-01T00:00:00.000Z';
const DAY = 86_400_000;
const CATCH_UP_TIMEOUT_MS = 600_000;

async function main(): Promise<void> {
  const args = new Args(process.argv.slice(2));
  const dataDir = args.text('data');
  const customers = args.number('customers');
  await seed(dataDir, customers);
  const config = configFromEnvironment({
    ...rapportEnvironment(dataDir, 'NORMAL'),
    RAPPORT_SWEEP_INTERVAL_MS: '0',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const { url, caughtUpMs } = await serveCaughtUp(config, CATCH_UP_TIMEOUT_MS);
  progress(`read side caught up in ${caughtUpMs} ms`);
  emitResult({ scenario: 'worklist-server', params: { url }, figures: { customers: figure('customers', [customers]) } });
}

function daysBefore(days: number): string {
  return new Date(Date.parse(NOW) - days * DAY).toISOString();
}

function commandsOf(index: number): CustomerCommand[] {
  const customerId = `risk-${index}`;
  const at = (days: number) => ({ customerId, occurredAt: daysBefore(days) });
  const start = 300;
  const dormantDays = index % 240;
  const commands: CustomerCommand[] = [
    {
      type: 'AcquireCustomer',
      ...at(start),
      data: {
        customerType: index % 3 === 0 ? 'corporate' : 'individual',
        channel: 'branch',
        assets: { amount: `${20_000 + (index % 50) * 10_000}.00`, currency: 'CNY' },
        riskProfile: 'C3',
      },
    },
    { type: 'ActivateCustomer', ...at(start), data: { product: 'savings' } },
  ];
  if (index % 7 === 0)
    [5, 4, 2].forEach((csat, n) =>
      commands.push({
        type: 'RecordSatisfaction',
        ...at(start - 10 - n),
        data: { surveyId: `s-${n}`, csat, touchpoint: 'service', channel: 'app' },
      }),
    );
  if (index % 5 === 0)
    commands.push({ type: 'RecordSatisfaction', ...at(30), data: { surveyId: 'nps', csat: 3, nps: 2, touchpoint: 'app', channel: 'app' } });
  if (index % 11 === 0)
    commands.push({ type: 'FileComplaint', ...at(40), data: { complaintId: 'c-1', category: 'fees', severity: 'medium', channel: 'app' } });
  commands.push({
    type: 'RecordTransaction',
    ...at(dormantDays),
    data: { transactionId: 't-1', amount: { amount: '100.00', currency: 'CNY' }, productCategory: 'cards' },
  });
  commands.push({ type: 'AssessChurnRisk', customerId, occurredAt: NOW, data: {} });
  return commands;
}

async function seed(dataDir: string, customers: number): Promise<void> {
  const core = await openCore(dataDir, 'NORMAL');
  const bus = commandBusOf(core);
  let sequence = 0;
  await runInFlight(
    Array.from({ length: customers }, (_, index) => commandsOf(index)),
    64,
    (commands) => commands[0]?.customerId ?? '',
    async (commands) => {
      for (const command of commands) await bus.execute(new ExecuteCustomerCommand(command, benchContext(++sequence)));
    },
  );
  await core.close();
  progress(`seeded ${customers} customers`);
}

runMain(main, { keepAlive: true });
