import { Query } from '@nestjs/cqrs';
import type { ComplaintKpis, KpiReport, RetainedAfterAction } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

/** The KPIs of a period, with complaint analytics by category and severity. */
export type PeriodReport = KpiReport & { readonly complaintsBy: readonly ComplaintKpis[] };
/** `retainedAfterAction` counts every customer ever at risk, not the period's only (README, retention). */
export type KpisView = PeriodReport & { readonly from: string; readonly to: string; readonly retainedAfterAction: RetainedAfterAction };

export class GetKpis extends Query<ReadResult<KpisView>> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
