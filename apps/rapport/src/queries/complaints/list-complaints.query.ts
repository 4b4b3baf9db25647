import { Query } from '@nestjs/cqrs';
import type { ComplaintDocument } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';
import type { ComplaintStatusFilter } from './complaints.request';

export type ComplaintView = ComplaintDocument & { readonly isOverdue: boolean };

export interface ComplaintsPage {
  readonly complaints: readonly ComplaintView[];
  readonly next: string | null;
}

export class ListComplaints extends Query<ReadResult<ComplaintsPage>> {
  constructor(
    readonly status: ComplaintStatusFilter | undefined,
    readonly limit: number,
    readonly cursor?: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
