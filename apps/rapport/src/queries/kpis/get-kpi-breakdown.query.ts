import { Query } from '@nestjs/cqrs';
import type { BreakdownDimension, KpiBreakdownRow } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export interface KpiBreakdownView {
  readonly from: string;
  readonly to: string;
  readonly by: BreakdownDimension;
  readonly groups: readonly KpiBreakdownRow[];
}

export class GetKpiBreakdown extends Query<ReadResult<KpiBreakdownView>> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly by: BreakdownDimension,
    readonly now: Date,
    readonly minPosition?: number,
  ) {
    super();
  }
}
