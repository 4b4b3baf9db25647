import { kpisProjection, KPI_DAYS, type KpiDay } from '../projections/kpis.projection';
import type { ProjectedEvent } from '../projections/projected-event';
import type { Projection } from '../projections/projection';
import type { ReadModelConfig } from '../projections/read-model.config';
import { kpiReport, type KpiReport } from './kpis.view';

/**
 * A projection's documents kept in memory, fed one event after another by the same rules the
 * projector applies: for answers that must leave some stored events out (reports as known then).
 */
export class ProjectionFold {
  private readonly collections: ReadonlyMap<string, Map<string, object>>;
  private readonly states = new Map<string, object>();

  constructor(private readonly projection: Projection) {
    this.collections = new Map(projection.documents.map((rule) => [rule.collection, new Map<string, object>()]));
  }

  apply(event: ProjectedEvent): void {
    const before = this.states.get(event.customerId) ?? null;
    for (const rule of this.projection.documents) {
      if (!rule.handles.has(event.type)) continue;
      const documents = this.collections.get(rule.collection) as Map<string, object>;
      for (const id of rule.idsOf(event, before)) {
        const next = rule.apply(documents.get(id) ?? null, event, before, id);
        if (next !== null) documents.set(id, next);
      }
    }
    const state = this.projection.state;
    if (state === undefined || !state.handles.has(event.type)) return;
    const after = state.apply(before, event, null, event.customerId);
    if (after !== null) this.states.set(event.customerId, after);
  }

  documents(collection: string): readonly object[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }
}

export function kpiFold(config: ReadModelConfig): ProjectionFold {
  return new ProjectionFold(kpisProjection(config) as Projection);
}

/** The KPIs of the period `from`..`to` (UTC days, inclusive) from the events a kpiFold was given. */
export function kpiReportOf(fold: ProjectionFold, from: string, to: string): KpiReport {
  const days = (fold.documents(KPI_DAYS) as KpiDay[]).sort((a, b) => a.day.localeCompare(b.day));
  return kpiReport(
    days.filter((day) => day.day < from),
    days.filter((day) => day.day >= from && day.day <= to),
  );
}
