import { FormatParam } from '../../http/csv/csv.decorator';
import { ChoiceField } from '../../http/fields';
import { PageRequest } from '../shared/read-query.request';

export const COMPLAINT_STATUSES = ['open', 'overdue', 'resolved'] as const;
export type ComplaintStatusFilter = (typeof COMPLAINT_STATUSES)[number];

export class ListComplaintsRequest extends PageRequest {
  @ChoiceField(COMPLAINT_STATUSES, { isOptional: true, description: 'overdue: open past its due date, as of now; omitted: all' })
  status?: ComplaintStatusFilter;
  @FormatParam() format?: 'json' | 'csv';
}
