import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rapport/event-store';
import { CUSTOMER_STREAM_PREFIX } from '@rapport/kernel';
import { kpiFold, kpiReportOf, toProjectedEvent, type KpiReport, type ReadModelConfig } from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { EVENT_STORE } from '../../wiring/tokens';

const PAGE = 2000;

export interface KnownAtReport {
  readonly report: KpiReport;
  /** The position of the last event used (0: none); a reproduction reads no further. */
  readonly position: number;
}

/**
 * KPIs as they were known at an instant: from only the events whose `recordedAt` (store time, set
 * by the write loop when it appends) is not after it, folded by the KPI projection's own rules.
 * Business time still buckets them, so a back-dated event recorded later is left out.
 */
@Injectable()
export class KnownAtKpis {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
  ) {}

  /** `throughPosition` also leaves out later positions (reproducing a report filed at that head). */
  async report(from: string, to: string, knownAt: Date, throughPosition?: number): Promise<KnownAtReport> {
    const cutoff = knownAt.toISOString();
    const head = throughPosition ?? (await this.events.headPosition());
    const fold = kpiFold(this.config);
    let used = 0;
    let after = 0;
    while (after < head) {
      const page = await this.events.readAll({ afterPosition: after, maxCount: PAGE, streamPrefix: CUSTOMER_STREAM_PREFIX });
      for (const recorded of page) {
        if (recorded.position > head) break;
        const event = recorded.metadata.recordedAt <= cutoff ? toProjectedEvent(recorded) : undefined;
        if (event === undefined) continue;
        fold.apply(event);
        used = recorded.position;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) break;
      after = last.position;
    }
    return { report: kpiReportOf(fold, from, to), position: used };
  }
}
