import type { ComplaintSeverity } from '@rapport/customer-domain';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';

export const COMPLAINT_KPI_DAYS = 'complaint_kpi_days_v1';
export const COMPLAINT_KPI_CUSTOMERS = 'complaint_kpi_customers_v1';

/**
 * Complaint analytics by category and severity (issue #12), one document per UTC day, severity
 * and category: complaints filed that day, and complaints resolved that day with how many by their
 * due date (as escalated or extended) and their resolution hours × 100, summed as integers.
 */
export interface ComplaintKpiDay {
  readonly day: string;
  readonly category: string;
  readonly severity: ComplaintSeverity;
  readonly filed: number;
  readonly resolved: number;
  readonly resolvedInTime: number;
  readonly resolutionHundredths: number;
}

interface OpenComplaint {
  readonly category: string;
  readonly severity: ComplaintSeverity;
  readonly dueAt: string;
}

/** A customer's open complaints: what a resolution needs to be counted under its category and due date. */
export interface ComplaintKpiCustomer {
  readonly open: Readonly<Record<string, OpenComplaint>>;
}

const STATE_EVENTS = eventTypes('ComplaintFiled', 'ComplaintEscalated', 'ComplaintExtended', 'ComplaintResolved');
const DAY_EVENTS = eventTypes('ComplaintFiled', 'ComplaintResolved');

export function evolveComplaintKpiCustomer(current: ComplaintKpiCustomer | null, event: ProjectedEvent): ComplaintKpiCustomer | null {
  const open = current?.open ?? {};
  switch (event.type) {
    case 'ComplaintFiled': {
      if (open[event.data.complaintId] !== undefined) return current;
      const { category, severity, dueAt } = event.data;
      return { open: { ...open, [event.data.complaintId]: { category, severity, dueAt } } };
    }
    case 'ComplaintEscalated':
    case 'ComplaintExtended': {
      const complaint = open[event.data.complaintId];
      return complaint === undefined ? current : { open: { ...open, [event.data.complaintId]: { ...complaint, dueAt: event.data.dueAt } } };
    }
    case 'ComplaintResolved': {
      const { [event.data.complaintId]: _resolved, ...stillOpen } = open;
      return { open: stillOpen };
    }
    default:
      return current;
  }
}

/** The day document an event counts in: `day/severity/category` (day and severity have fixed forms, so the id is unambiguous). */
function dayIdOf(event: ProjectedEvent, before: ComplaintKpiCustomer | null): readonly string[] {
  if (event.at === null) return [];
  const complaint = complaintOf(event, before);
  return complaint === undefined ? [] : [`${event.at.slice(0, 10)}/${complaint.severity}/${complaint.category}`];
}

/** The filed complaint's classification, or the open one a resolution closes; nothing for a duplicate or unknown id. */
function complaintOf(event: ProjectedEvent, before: ComplaintKpiCustomer | null): OpenComplaint | undefined {
  if (event.type === 'ComplaintFiled') return before?.open[event.data.complaintId] === undefined ? event.data : undefined;
  if (event.type === 'ComplaintResolved') return before?.open[event.data.complaintId];
  return undefined;
}

export function applyToComplaintKpiDay(
  current: ComplaintKpiDay | null,
  event: ProjectedEvent,
  before: ComplaintKpiCustomer | null,
): ComplaintKpiDay | null {
  const complaint = complaintOf(event, before);
  if (complaint === undefined || event.at === null) return current;
  const base = current ?? { day: event.at.slice(0, 10), category: complaint.category, severity: complaint.severity, ...ZERO };
  if (event.type !== 'ComplaintResolved') return { ...base, filed: base.filed + 1 };
  return {
    ...base,
    resolved: base.resolved + 1,
    resolvedInTime: base.resolvedInTime + (Date.parse(event.at) <= Date.parse(complaint.dueAt) ? 1 : 0),
    resolutionHundredths: base.resolutionHundredths + Math.round(event.data.resolutionHours * 100),
  };
}

const ZERO = { filed: 0, resolved: 0, resolvedInTime: 0, resolutionHundredths: 0 };

export const complaintKpisProjection: Projection<ComplaintKpiCustomer> = {
  name: 'complaint-kpis',
  shapeVersion: 1,
  collections: [
    { name: COMPLAINT_KPI_DAYS, indexes: [{ name: 'by_day', fields: [{ field: 'day', direction: 'asc' }] }] },
    { name: COMPLAINT_KPI_CUSTOMERS, indexes: [] },
  ],
  state: {
    collection: COMPLAINT_KPI_CUSTOMERS,
    handles: STATE_EVENTS,
    idsOf: (event) => [event.customerId],
    apply: evolveComplaintKpiCustomer,
  },
  documents: [
    {
      collection: COMPLAINT_KPI_DAYS,
      handles: DAY_EVENTS,
      idsOf: dayIdOf,
      apply: applyToComplaintKpiDay,
    } satisfies DocumentRule<ComplaintKpiDay, ComplaintKpiCustomer | null>,
  ],
};
