import { Query } from '@nestjs/cqrs';
import type { CohortView } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export interface CohortsView {
  readonly granularity: 'month' | 'quarter';
  readonly from: string;
  readonly to: string;
  /** The instant the triangle is drawn at: only periods ended by then are filled. */
  readonly asOf: string;
  readonly currency: string;
  readonly cohorts: readonly CohortView[];
}

export class GetCohorts extends Query<ReadResult<CohortsView>> {
  constructor(
    readonly granularity: 'month' | 'quarter',
    readonly from: string,
    readonly to: string,
    readonly now: Date,
    readonly minPosition?: number,
  ) {
    super();
  }
}
