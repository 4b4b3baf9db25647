import { FormatParam } from '../../http/csv/csv.decorator';
import { PeriodRequest } from '../shared/period.request';

/** GET /v1/kpis?from=&to=: inclusive UTC days, default the 90 days ending today. */
export class KpisRequest extends PeriodRequest {
  @FormatParam() format?: 'json' | 'csv';
}
