import type { ComplaintSeverity } from '@rapport/customer-domain';
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
}

const HANDLED = eventTypes('ComplaintFiled', 'ComplaintEscalated', 'ComplaintResolved');

export function complaintDocumentId(customerId: string, complaintId: string): string {
  return `${customerId}/${complaintId}`;
}

export function applyToComplaint(current: ComplaintDocument | null, event: ProjectedEvent): ComplaintDocument | null {
  switch (event.type) {
    case 'ComplaintFiled': {
      if (current !== null) return current;
      const { complaintId, category, severity, channel, occurredAt, dueAt } = event.data;
      const filedAt = event.at ?? occurredAt;
      return { customerId: event.customerId, complaintId, category, severity, channel, status: 'open', filedAt, dueAt, escalated: false };
    }
    case 'ComplaintEscalated':
      return current?.status === 'open' ? { ...current, escalated: true, dueAt: event.data.dueAt } : current;
    case 'ComplaintResolved': {
      if (current?.status !== 'open') return current;
      const { occurredAt, resolutionHours } = event.data;
      return { ...current, status: 'resolved', resolvedAt: event.at ?? occurredAt, resolutionHours };
    }
    default:
      return current;
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
      ],
    },
  ],
  documents: [complaintRule],
};
