import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  COMPLAINT_KPI_DAYS,
  complaintKpis,
  findAll,
  KPI_DAYS,
  kpiReport,
  type ComplaintKpiDay,
  type Filter,
  type KpiDay,
  retainedAfterAction,
  type ReadModelStore,
  type RetainedAfterAction,
  type Stamped,
} from '@rapport/read-models';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { VersionedCache } from '../shared/versioned-cache';
import { GetKpis, type KpisView, type PeriodReport } from './get-kpis.query';

const REPORTED = ['kpis', 'complaint-kpis'];
const RETENTION = ['churn-risk'];
const PROJECTIONS = [...REPORTED, ...RETENTION];
/** Distinct periods whose report is kept; dashboards ask for a handful. */
const CACHED_PERIODS = 64;

/**
 * KPIs of a period from the day documents: counts and sums over its days, and the active base at
 * its start from every earlier day's net change (design.md §2 churn rate, retention, CLV). That
 * reads every day document, so a period's report is kept until the projection moves on.
 */
@QueryHandler(GetKpis)
export class GetKpisHandler implements IQueryHandler<GetKpis, ReadResult<KpisView>> {
  private readonly reports = new VersionedCache<PeriodReport>(CACHED_PERIODS);
  private readonly retention = new VersionedCache<RetainedAfterAction>(1);

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
    private readonly projector: ProjectorHost,
  ) {}

  execute({ from, to, minPosition }: GetKpis): Promise<ReadResult<KpisView>> {
    return this.gate.read(PROJECTIONS, minPosition, async () => {
      const report = await this.reports.get(`${from}/${to}`, this.projector.versionOf(REPORTED), () => this.report(from, to));
      const retained = await this.retention.get('all', this.projector.versionOf(RETENTION), () => retainedAfterAction(this.store));
      return { from, to, ...report, retainedAfterAction: retained };
    });
  }

  private async report(from: string, to: string): Promise<PeriodReport> {
    const earlier = await this.days<KpiDay>(KPI_DAYS, { day: { $lt: from } });
    const inPeriod = await this.days<KpiDay>(KPI_DAYS, { day: { $gte: from, $lte: to } });
    const complaintDays = await this.days<ComplaintKpiDay>(COMPLAINT_KPI_DAYS, { day: { $gte: from, $lte: to } });
    return { ...kpiReport(earlier, inPeriod), complaintsBy: complaintKpis(complaintDays) };
  }

  private days<Day extends object>(collection: string, filter: Filter): Promise<Stamped<Day>[]> {
    return findAll<Stamped<Day>>(this.store, collection, { filter, sort: { field: 'day', direction: 'asc' } });
  }
}
