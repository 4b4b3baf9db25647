import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '@rapport/read-models';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { InstantField } from '../../commands/requests/common.request';
import { ChoiceField } from '../../http/fields';
import { FormatParam } from '../../http/csv/csv.decorator';
import { PeriodRequest } from '../shared/period.request';

/**
 * A breakdown is a list of groups, answered in JSON as known now: the CSV table is the whole-book
 * report's single row, and reports as known then are computed for the whole book only.
 */
function IsAloneWithBy() {
  return ValidateBy({
    name: 'isAloneWithBy',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const request = args?.object as { format?: unknown; knownAt?: unknown };
        return value === undefined || (request.format !== 'csv' && request.knownAt === undefined);
      },
      defaultMessage: () => 'by is answered in JSON as known now; leave out format=csv and knownAt',
    },
  });
}

/** GET /v1/kpis?from=&to=&knownAt=&by=: inclusive UTC days, default the 90 days ending today. */
export class KpisRequest extends PeriodRequest {
  @FormatParam() format?: 'json' | 'csv';

  @InstantField('knownAt', {
    isOptional: true,
    example: '2026-04-01T00:00:00Z',
    description: 'As known then: only the events recorded by this instant (not after now); default as known now',
  })
  knownAt?: string;

  @ChoiceField(BREAKDOWN_DIMENSIONS, {
    isOptional: true,
    description: 'Break every KPI down per key of this dimension (README "KPI breakdowns")',
  })
  @IsAloneWithBy()
  by?: BreakdownDimension;
}
