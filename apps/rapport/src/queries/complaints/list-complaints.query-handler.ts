import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isOverdue } from '@rapport/customer-domain';
import type { Clock } from '@rapport/kernel';
import { COMPLAINTS, type ComplaintDocument, type FindQuery, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { CLOCK, READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import type { ComplaintStatusFilter } from './complaints.request';
import { ListComplaints, type ComplaintsPage, type ComplaintView } from './list-complaints.query';

/** Overdue is open past the due date as of now (complaints.policy.ts), asked of the store as `dueAt < now`. */
@QueryHandler(ListComplaints)
export class ListComplaintsHandler implements IQueryHandler<ListComplaints, ReadResult<ComplaintsPage>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
  ) {}

  execute({ status, limit, cursor, minPosition }: ListComplaints): Promise<ReadResult<ComplaintsPage>> {
    return this.gate.read(['complaints'], minPosition, async () => {
      const now = this.clock.now().toISOString();
      const query: FindQuery = { ...findFor(status, now), limit, ...(cursor ? { after: cursor } : {}) };
      const page = await this.store.find<Stamped<ComplaintDocument>>(COMPLAINTS, query);
      const complaints = page.documents.map(({ _id: _id, position: _position, ...complaint }) => viewOf(complaint, now));
      return { complaints, next: page.next };
    });
  }
}

/** Documents projected before the complaint clock lack its fields: they read as a complaint never touched. */
function viewOf(complaint: ComplaintDocument, now: string): ComplaintView {
  return {
    ...complaint,
    stage: complaint.stage ?? (complaint.status === 'resolved' ? 'resolved' : 'filed'),
    extended: complaint.extended ?? false,
    warned: complaint.warned ?? false,
    breached: complaint.breached ?? false,
    isOverdue: isOverdue(complaint, now),
  };
}

function findFor(status: ComplaintStatusFilter | undefined, now: string): Pick<FindQuery, 'filter' | 'sort'> {
  switch (status) {
    case 'open':
      return { filter: { status: 'open' }, sort: { field: 'filedAt', direction: 'asc' } };
    case 'overdue':
      return { filter: { status: 'open', dueAt: { $lt: now } }, sort: { field: 'dueAt', direction: 'asc' } };
    case 'resolved':
      return { filter: { status: 'resolved' }, sort: { field: 'filedAt', direction: 'asc' } };
    default:
      return { sort: { field: 'filedAt', direction: 'asc' } };
  }
}
