import type { ComplaintSeverity, ComplaintStage } from '@rapport/customer-domain';
import type { ProjectedEvent } from './projected-event';
import { eventTypes, type DocumentRule, type Projection } from './projection';

export const COMPLAINTS = 'complaints_v1';

/**
 * One document per complaint (api.md GET /v1/complaints). "Overdue" is open past dueAt, which
 * depends on "now": the query asks for open complaints with dueAt before it. Free text (the
 * resolution, the escalation reason) is left out: it may name people.
 */
export interface ComplaintDocument {
  readonly customerId: string;
  readonly complaintId: string;
  readonly category: string;
  readonly severity: ComplaintSeverity;
  readonly channel: string;
  readonly status: 'open' | 'resolved';
  readonly filedAt: string;
  readonly dueAt: string;
  readonly escalated: boolean;
  readonly resolvedAt?: string;
  readonly resolutionHours?: number;
  /*
   * The complaint clock (issue #12). Documents written before it lack these fields until the
   * projection is rebuilt; the query reads them with the defaults of a complaint never touched.
   */
  readonly stage?: ComplaintStage;
  readonly assignee?: string;
  readonly extended?: boolean;
  /** The pre-breach warning was issued for the current due date (a later due date clears it). */
  readonly warned?: boolean;
  readonly breached?: boolean;
}

const HANDLED = eventTypes(
  'ComplaintFiled',
  'ComplaintEscalated',
  'ComplaintResolved',
  'ComplaintAssigned',
  'ComplaintStageChanged',
  'ComplaintExtended',
  'ComplaintBreachWarned',
  'ComplaintBreached',
);

export function complaintDocumentId(customerId: string, complaintId: string): string {
  return `${customerId}/${complaintId}`;
}

export function applyToComplaint(current: ComplaintDocument | null, event: ProjectedEvent): ComplaintDocument | null {
  if (event.type === 'ComplaintFiled') return current ?? filed(event);
  if (current?.status !== 'open') return current;
  return { ...current, ...changesOf(current, event) };
}

function filed(event: ProjectedEvent & { readonly type: 'ComplaintFiled' }): ComplaintDocument {
  const { complaintId, category, severity, channel, occurredAt, dueAt } = event.data;
  const filedAt = event.at ?? occurredAt;
  return {
    customerId: event.customerId,
    complaintId,
    category,
    severity,
    channel,
    status: 'open',
    stage: 'filed',
    filedAt,
    dueAt,
    escalated: false,
    extended: false,
    warned: false,
    breached: false,
  };
}

/** What a later event changes on an open complaint; the due date moving clears the warning given for the old one. */
function changesOf(current: ComplaintDocument, event: ProjectedEvent): Partial<ComplaintDocument> {
  switch (event.type) {
    case 'ComplaintEscalated':
      return { escalated: true, dueAt: event.data.dueAt, warned: current.warned === true && current.dueAt === event.data.dueAt };
    case 'ComplaintResolved':
      return {
        status: 'resolved',
        stage: 'resolved',
        resolvedAt: event.at ?? event.data.occurredAt,
        resolutionHours: event.data.resolutionHours,
      };
    case 'ComplaintAssigned':
      return { assignee: event.data.assignee };
    case 'ComplaintStageChanged':
      return { stage: event.data.stage };
    case 'ComplaintExtended':
      return current.extended === true ? {} : { extended: true, dueAt: event.data.dueAt, warned: false };
    case 'ComplaintBreachWarned':
      return event.data.dueAt === current.dueAt ? { warned: true } : {};
    case 'ComplaintBreached':
      return { breached: true };
    default:
      return {};
  }
}

export const complaintRule: DocumentRule<ComplaintDocument, null> = {
  collection: COMPLAINTS,
  handles: HANDLED,
  idsOf: (event) => ('complaintId' in event.data ? [complaintDocumentId(event.customerId, event.data.complaintId)] : []),
  apply: (current, event) => applyToComplaint(current, event),
};

export const complaintsProjection: Projection = {
  name: 'complaints',
  shapeVersion: 1,
  collections: [
    {
      name: COMPLAINTS,
      indexes: [
        {
          name: 'by_status_filed',
          fields: [
            { field: 'status', direction: 'asc' },
            { field: 'filedAt', direction: 'asc' },
          ],
        },
        {
          name: 'by_status_due',
          fields: [
            { field: 'status', direction: 'asc' },
            { field: 'dueAt', direction: 'asc' },
          ],
        },
        // Every complaint in filing order (GET complaints without a status): without it each page sorted them all.
        { name: 'by_filed', fields: [{ field: 'filedAt', direction: 'asc' }] },
      ],
    },
  ],
  documents: [complaintRule],
};
