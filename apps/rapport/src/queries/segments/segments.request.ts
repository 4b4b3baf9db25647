import { FormatParam } from '../../http/csv/csv.decorator';
import { PageRequest, ReadQueryRequest } from '../shared/read-query.request';

export class ListSegmentsRequest extends ReadQueryRequest {
  @FormatParam() format?: 'json' | 'csv';
}

export class SegmentCustomersRequest extends PageRequest {
  @FormatParam() format?: 'json' | 'csv';
}
