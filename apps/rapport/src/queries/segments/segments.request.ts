import { InstantField } from '../../commands/requests/common.request';
import { FormatParam } from '../../http/csv/csv.decorator';
import { PageRequest, ReadQueryRequest } from '../shared/read-query.request';

export class ListSegmentsRequest extends ReadQueryRequest {
  @FormatParam() format?: 'json' | 'csv';
}

export class SegmentCustomersRequest extends PageRequest {
  @FormatParam() format?: 'json' | 'csv';

  @InstantField('asOf', {
    isOptional: true,
    example: '2026-03-01T00:00:00Z',
    description: 'Members at this instant (from the segment history); default now, with dimensions and value contribution',
  })
  asOf?: string;
}
