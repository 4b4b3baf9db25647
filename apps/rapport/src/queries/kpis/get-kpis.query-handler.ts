import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KPI_DAYS, kpiReport, type Filter, type KpiDay, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../shared/read-result';
import { GetKpis, type KpisView } from './get-kpis.query';

const PAGE = 1000;

/**
 * KPIs of a period from the day documents: counts and sums over its days, and the active base at
 * its start from every earlier day's net change (design.md §2 churn rate, retention, CLV).
 */
@QueryHandler(GetKpis)
export class GetKpisHandler implements IQueryHandler<GetKpis, ReadResult<KpisView>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
  ) {}

  execute({ from, to, minPosition }: GetKpis): Promise<ReadResult<KpisView>> {
    return this.gate.read(['kpis'], minPosition, async () => {
      const earlier = await this.days({ day: { $lt: from } });
      const inPeriod = await this.days({ day: { $gte: from, $lte: to } });
      return { from, to, ...kpiReport(earlier, inPeriod) };
    });
  }

  private async days(filter: Filter): Promise<KpiDay[]> {
    const days: KpiDay[] = [];
    let after: string | undefined;
    do {
      const page = await this.store.find<Stamped<KpiDay>>(KPI_DAYS, { filter, sort: { field: 'day', direction: 'asc' }, limit: PAGE, ...(after ? { after } : {}) });
      days.push(...page.documents);
      after = page.next ?? undefined;
    } while (after !== undefined);
    return days;
  }
}
