import { isSatisfied, npsCategory } from '@rapport/customer-domain';
import { addMoney, countCurrency, type CustomerCounts, type MinorSums } from './money-sums';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';
import type { ReadModelConfig } from './read-model.config';

export const KPI_DAYS = 'kpi_days_v1';
export const KPI_CUSTOMERS = 'kpi_customers_v1';

/**
 * One UTC day of KPI inputs (design.md §2). Everything is a count or a sum: rates come from
 * adding days up when read. Customers active at the start of a period are the sum of
 * `activeDelta` over every earlier day.
 */
export interface KpiDay {
  readonly day: string;
  readonly acquired: number;
  readonly activated: number;
  readonly reactivated: number;
  readonly churned: number;
  /** Churned while active: the numerator of the churn rate (a prospect leaving is not churn of the active base). */
  readonly churnedActive: number;
  /** Change in the number of active customers that day. */
  readonly activeDelta: number;
  readonly revenueMinor: MinorSums;
  readonly acquisitionCostMinor: MinorSums;
  /**
   * Customers acquired with a known acquisition cost, per currency of that cost (a cost of zero is known): CAC's divisor.
   * This and `acquiredWithoutCost` are absent on days stored before they existed (rebuild the projection to fill them).
   */
  readonly acquiredWithCost?: CustomerCounts;
  readonly acquiredWithoutCost?: number;
  readonly complaintsFiled: number;
  readonly complaintsResolved: number;
  /** Resolution hours × 100, summed as integers so the sum is exact. */
  readonly resolutionHundredths: number;
  readonly responses: number;
  readonly satisfied: number;
  readonly npsResponses: number;
  readonly promoters: number;
  readonly detractors: number;
}

/** What the KPI counters need to know about a customer before an event. */
export interface KpiCustomer {
  readonly status: 'acquired' | 'active' | 'churned';
  readonly hasBeenActivated: boolean;
}

const LIFECYCLE = eventTypes('CustomerAcquired', 'CustomerActivated', 'CustomerChurned', 'CustomerReactivated');
const DAY_EVENTS = eventTypes(...LIFECYCLE, 'TransactionRecorded', 'ComplaintFiled', 'ComplaintResolved', 'SatisfactionRecorded');

export function evolveKpiCustomer(current: KpiCustomer | null, event: ProjectedEvent): KpiCustomer | null {
  if (event.type === 'CustomerAcquired') return current ?? { status: 'acquired', hasBeenActivated: false };
  if (current === null) return null;
  if (event.type === 'CustomerActivated') return current.status === 'acquired' ? { status: 'active', hasBeenActivated: true } : current;
  if (event.type === 'CustomerChurned') return { ...current, status: 'churned' };
  if (event.type === 'CustomerReactivated' && current.status === 'churned')
    return { ...current, status: current.hasBeenActivated ? 'active' : 'acquired' };
  return current;
}

/** The counters an event moves, given the customer before it. */
function lifecycleCounts(event: ProjectedEvent, before: KpiCustomer | null): Partial<Record<keyof KpiDay, number>> {
  switch (event.type) {
    case 'CustomerAcquired':
      if (before !== null) return {};
      return event.data.acquisitionCost === undefined ? { acquired: 1, acquiredWithoutCost: 1 } : { acquired: 1 };
    case 'CustomerActivated':
      return before?.status === 'acquired' ? { activated: 1, activeDelta: 1 } : {};
    case 'CustomerChurned':
      if (before === null || before.status === 'churned') return {};
      return before.status === 'active' ? { churned: 1, churnedActive: 1, activeDelta: -1 } : { churned: 1 };
    case 'CustomerReactivated':
      return before?.status === 'churned' && before.hasBeenActivated ? { reactivated: 1, activeDelta: 1 } : {};
    default:
      return {};
  }
}

function otherCounts(event: ProjectedEvent, config: ReadModelConfig): Partial<Record<keyof KpiDay, number>> {
  switch (event.type) {
    case 'ComplaintFiled':
      return { complaintsFiled: 1 };
    case 'ComplaintResolved':
      return { complaintsResolved: 1, resolutionHundredths: Math.round(event.data.resolutionHours * 100) };
    case 'SatisfactionRecorded': {
      const category = event.data.nps === undefined ? undefined : npsCategory(event.data.nps, config.satisfaction);
      const counts = { responses: 1, satisfied: isSatisfied(event.data.csat, config.satisfaction) ? 1 : 0 };
      return category === undefined
        ? counts
        : { ...counts, npsResponses: 1, promoters: category === 'promoter' ? 1 : 0, detractors: category === 'detractor' ? 1 : 0 };
    }
    default:
      return {};
  }
}

/** Field by field rather than by spreading and looping over keys: a rebuild makes one for most events. */
export function applyToKpiDay(
  current: KpiDay | null,
  event: ProjectedEvent,
  before: KpiCustomer | null,
  day: string,
  config: ReadModelConfig,
): KpiDay {
  const base = current ?? { day, ...ZERO_KPI_COUNTS };
  const lifecycle = lifecycleCounts(event, before);
  const other = otherCounts(event, config);
  const isFirstAcquisition = event.type === 'CustomerAcquired' && before === null;
  return {
    day: base.day,
    acquired: base.acquired + (lifecycle.acquired ?? 0),
    activated: base.activated + (lifecycle.activated ?? 0),
    reactivated: base.reactivated + (lifecycle.reactivated ?? 0),
    churned: base.churned + (lifecycle.churned ?? 0),
    churnedActive: base.churnedActive + (lifecycle.churnedActive ?? 0),
    activeDelta: base.activeDelta + (lifecycle.activeDelta ?? 0),
    complaintsFiled: base.complaintsFiled + (other.complaintsFiled ?? 0),
    complaintsResolved: base.complaintsResolved + (other.complaintsResolved ?? 0),
    resolutionHundredths: base.resolutionHundredths + (other.resolutionHundredths ?? 0),
    responses: base.responses + (other.responses ?? 0),
    satisfied: base.satisfied + (other.satisfied ?? 0),
    npsResponses: base.npsResponses + (other.npsResponses ?? 0),
    promoters: base.promoters + (other.promoters ?? 0),
    detractors: base.detractors + (other.detractors ?? 0),
    revenueMinor: event.type === 'TransactionRecorded' ? addMoney(base.revenueMinor, event.data.revenue) : base.revenueMinor,
    acquisitionCostMinor: isFirstAcquisition ? addMoney(base.acquisitionCostMinor, event.data.acquisitionCost) : base.acquisitionCostMinor,
    acquiredWithCost: isFirstAcquisition
      ? countCurrency(base.acquiredWithCost ?? {}, event.data.acquisitionCost)
      : (base.acquiredWithCost ?? {}),
    acquiredWithoutCost: (base.acquiredWithoutCost ?? 0) + (lifecycle.acquiredWithoutCost ?? 0),
  };
}

/** Every counter and sum of a KPI day at zero: a day's start, and the start of adding days up when read (reading/kpis.view.ts). */
export const ZERO_KPI_COUNTS: Omit<Required<KpiDay>, 'day'> = {
  acquired: 0,
  activated: 0,
  reactivated: 0,
  churned: 0,
  churnedActive: 0,
  activeDelta: 0,
  complaintsFiled: 0,
  complaintsResolved: 0,
  resolutionHundredths: 0,
  responses: 0,
  satisfied: 0,
  npsResponses: 0,
  promoters: 0,
  detractors: 0,
  revenueMinor: {},
  acquisitionCostMinor: {},
  acquiredWithCost: {},
  acquiredWithoutCost: 0,
};

export function kpisProjection(config: ReadModelConfig): Projection<KpiCustomer> {
  const state: DocumentRule<KpiCustomer, null> = {
    collection: KPI_CUSTOMERS,
    handles: LIFECYCLE,
    idsOf: (event) => [event.customerId],
    apply: evolveKpiCustomer,
  };
  const days: DocumentRule<KpiDay, KpiCustomer | null> = {
    collection: KPI_DAYS,
    handles: DAY_EVENTS,
    idsOf: (event) => (event.at === null ? [] : [event.at.slice(0, 10)]),
    apply: (current, event, before, day) => applyToKpiDay(current, event, before, day, config),
  };
  return {
    name: 'kpis',
    shapeVersion: 1,
    collections: [
      { name: KPI_DAYS, indexes: [{ name: 'by_day', fields: [{ field: 'day', direction: 'asc' }] }] },
      { name: KPI_CUSTOMERS, indexes: [] },
    ],
    state,
    documents: [days],
  };
}
