import type { CommandBus } from '@nestjs/cqrs';
import { defaultChurnRiskConfig } from '@rapport/customer-domain';
import { CHURN_RISK, COMPLAINTS, EmbeddedReadModelStore, type ReadDocument } from '@rapport/read-models';
import type { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { ChurnRiskSweep } from './churn-risk.sweep';

const NOW = '2026-07-01T00:00:00.000Z';
const LATER = '2026-07-01T00:01:00.000Z';
const NEXT_DAY = '2026-07-02T00:00:00.000Z';

const customer = (id: string, fields: Record<string, unknown>): ReadDocument => ({
  _id: id,
  position: 1,
  customerId: id,
  status: 'active',
  score: 0,
  lastTransactionAt: '2026-06-30T00:00:00.000Z',
  ...fields,
});
const complaint = (customerId: string, dueAt: string, status = 'open'): ReadDocument => ({
  _id: `${customerId}/c`,
  position: 1,
  customerId,
  status,
  dueAt,
});

/** Records each assessment asked for, and answers as the decider would: one changed score, the rest a no-op. */
function recordingBus(changed: ReadonlySet<string>) {
  const asked: string[] = [];
  const bus = {
    execute: async ({ command }: ExecuteCustomerCommand) => {
      asked.push(`${command.customerId}@${command.occurredAt}`);
      return changed.has(command.customerId)
        ? { kind: 'appended', eventTypes: ['ChurnRiskAssessed'] }
        : { kind: 'unchanged', revision: 3, eventTypes: [] };
    },
  };
  return { asked, bus: bus as unknown as CommandBus };
}

describe('the churn-risk sweep', () => {
  let store: EmbeddedReadModelStore;
  beforeEach(async () => {
    store = EmbeddedReadModelStore.open(':memory:');
    const put = (document: ReadDocument) => ({ kind: 'put' as const, document, guard: { kind: 'insert' as const } });
    await store.write([
      {
        collection: CHURN_RISK,
        writes: [
          // 60 days before NOW: dormant from the first dormancy day on
          customer('dormant', { lastTransactionAt: '2026-05-02T00:00:00.000Z' }),
          customer('recent', {}),
          customer('scoring', { score: 20 }),
          customer('churned', { status: 'churned', score: 70, lastTransactionAt: '2025-01-01T00:00:00.000Z' }),
          customer('never-transacted', { lastTransactionAt: null }),
        ].map(put),
      },
      {
        collection: COMPLAINTS,
        writes: [
          complaint('overdue', '2026-06-20T00:00:00.000Z'),
          complaint('due-later', '2026-07-01T00:00:30.000Z'),
          complaint('resolved', '2026-06-20T00:00:00.000Z', 'resolved'),
        ].map(put),
      },
    ]);
  });
  afterEach(() => store.close());

  it('asks, as of now, for the dormant, the scoring and those with an overdue open complaint, and reports the commands and the events appended', async () => {
    const { asked, bus } = recordingBus(new Set(['dormant']));
    const report = await new ChurnRiskSweep(bus, store, defaultChurnRiskConfig).sweep(NOW);
    expect(asked.sort()).toEqual([`dormant@${NOW}`, `overdue@${NOW}`, `scoring@${NOW}`]);
    expect(report).toEqual({ commands: 3, appended: 1 });
  });

  it('later the same day asks only for complaints that fell due since the previous run; the next day for the daily ones again', async () => {
    const { asked, bus } = recordingBus(new Set());
    const sweep = new ChurnRiskSweep(bus, store, defaultChurnRiskConfig);
    await sweep.sweep(NOW);
    asked.length = 0;
    await sweep.sweep(LATER);
    expect(asked).toEqual([`due-later@${LATER}`]);
    asked.length = 0;
    await sweep.sweep(NEXT_DAY);
    expect(asked.sort()).toEqual([`dormant@${NEXT_DAY}`, `scoring@${NEXT_DAY}`]);
  });
});
