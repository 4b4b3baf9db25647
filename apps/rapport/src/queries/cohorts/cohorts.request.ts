import { dayPlusDays } from '@rapport/kernel';
import { ChoiceField } from '../../http/fields';
import { PeriodRequest } from '../shared/period.request';

export const COHORT_GRANULARITIES = ['month', 'quarter'] as const;

/** GET /v1/cohorts?granularity=&from=&to=: cohorts activated in the inclusive UTC days, default the 365 days ending today. */
export class CohortsRequest extends PeriodRequest {
  @ChoiceField(COHORT_GRANULARITIES, { isOptional: true, default: 'month', description: 'Cohort and retention period' })
  granularity?: (typeof COHORT_GRANULARITIES)[number];
}

/** The activation days asked for, with defaults. */
export function cohortPeriodOf(request: CohortsRequest, now: Date): { from: string; to: string } {
  const to = request.to ?? now.toISOString().slice(0, 10);
  const from = request.from ?? dayPlusDays(to, -364);
  return { from, to };
}
