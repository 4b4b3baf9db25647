import { Query } from '@nestjs/cqrs';
import type { Granularity } from '@rapport/kernel';
import type { Breakdown, TrendRow } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export class GetSatisfactionTrends extends Query<ReadResult<readonly TrendRow[]>> {
  constructor(
    readonly granularity: Granularity,
    readonly by: Breakdown,
    /** Inclusive days, YYYY-MM-DD (UTC). */
    readonly from: string,
    readonly to: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
