import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { periodLabel } from '@rapport/kernel';
import {
  findAll,
  SATISFACTION_BUCKETS,
  trendRow,
  type ReadModelStore,
  type SatisfactionBucket,
  type Stamped,
  type TrendRow,
} from '@rapport/read-models';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { GetSatisfactionTrends } from './satisfaction-trends.query';

/**
 * Buckets of the periods that hold `from` and `to` and all between, in period order then key order.
 * Period labels sort as text (2026-01-05, 2026-W02, 2026-01), so the range is a plain find.
 */
@QueryHandler(GetSatisfactionTrends)
export class GetSatisfactionTrendsHandler implements IQueryHandler<GetSatisfactionTrends, ReadResult<readonly TrendRow[]>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
  ) {}

  execute({ granularity, by, from, to, minPosition }: GetSatisfactionTrends): Promise<ReadResult<readonly TrendRow[]>> {
    return this.gate.read(['satisfaction'], minPosition, async () => {
      const period = {
        $gte: periodLabel(new Date(`${from}T00:00:00Z`), granularity),
        $lte: periodLabel(new Date(`${to}T00:00:00Z`), granularity),
      };
      const buckets = await findAll<Stamped<SatisfactionBucket>>(this.store, SATISFACTION_BUCKETS, {
        filter: { granularity, by, period },
        sort: { field: 'period', direction: 'asc' },
      });
      return buckets.map(trendRow);
    });
  }
}
