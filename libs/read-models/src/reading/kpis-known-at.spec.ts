import { EmbeddedReadModelStore } from '../adapters/embedded/embedded.read-model-store';
import { richHistory } from '../contract/history.fixture';
import { applyBatch, stored } from '../contract/projection-harness';
import { KPI_DAYS, kpisProjection, type KpiDay } from '../projections/kpis.projection';
import type { Projection, Stamped } from '../projections/projection';
import { defaultReadModelConfig } from '../projections/read-model.config';
import { kpiFold, kpiReportOf } from './kpis-known-at';
import { kpiReport } from './kpis.view';

const config = defaultReadModelConfig;

async function storedDays(events: ReturnType<typeof stored>): Promise<KpiDay[]> {
  const store = EmbeddedReadModelStore.open(':memory:');
  await applyBatch(store, kpisProjection(config) as Projection, events);
  const days = (await store.find<Stamped<KpiDay>>(KPI_DAYS, { limit: 1000 })).documents;
  await store.close();
  return [...days];
}

describe('KPIs folded in memory from chosen events', () => {
  const events = stored(richHistory());

  it.each([
    ['the whole history', '2026-01-01', '2026-12-31'],
    ['a period after its first days', '2026-01-07', '2026-01-20'],
  ])('gives the report the projected day documents give: %s', async (_, from, to) => {
    const fold = kpiFold(config);
    for (const event of events) fold.apply(event);
    const days = await storedDays(events);
    expect(kpiReportOf(fold, from, to)).toEqual(
      kpiReport(
        days.filter((day) => day.day < from),
        days.filter((day) => day.day >= from && day.day <= to),
      ),
    );
  });

  it('counts only the events it was given', async () => {
    const fold = kpiFold(config);
    const [first] = events;
    if (first !== undefined) fold.apply(first);
    expect(kpiReportOf(fold, '2026-01-01', '2026-12-31')).toMatchObject({ acquired: 1, activated: 0 });
  });
});
