import type { Granularity } from '@rapport/kernel';
import { BREAKDOWNS, GRANULARITIES, type Breakdown } from '@rapport/read-models';
import { FormatParam } from '../../http/csv/csv.decorator';
import { ChoiceField } from '../../http/fields';
import { PeriodRequest } from '../shared/period.request';

export class SatisfactionTrendsRequest extends PeriodRequest {
  @ChoiceField(GRANULARITIES, { isOptional: true, default: 'day' }) granularity?: Granularity;
  @ChoiceField(BREAKDOWNS, { isOptional: true, default: 'overall' }) by?: Breakdown;
  @FormatParam() format?: 'json' | 'csv';
}
