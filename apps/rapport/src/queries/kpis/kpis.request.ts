import { InstantField } from '../../commands/requests/common.request';
import { FormatParam } from '../../http/csv/csv.decorator';
import { PeriodRequest } from '../shared/period.request';

/** GET /v1/kpis?from=&to=&knownAt=: inclusive UTC days, default the 90 days ending today. */
export class KpisRequest extends PeriodRequest {
  @FormatParam() format?: 'json' | 'csv';

  @InstantField('knownAt', {
    isOptional: true,
    example: '2026-04-01T00:00:00Z',
    description: 'As known then: only the events recorded by this instant (not after now); default as known now',
  })
  knownAt?: string;
}
