import { Query } from '@nestjs/cqrs';
import type { WorklistPage, WorklistQuery } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export class GetWorklist extends Query<ReadResult<WorklistPage>> {
  constructor(
    readonly query: WorklistQuery,
    readonly minPosition?: number,
  ) {
    super();
  }
}
