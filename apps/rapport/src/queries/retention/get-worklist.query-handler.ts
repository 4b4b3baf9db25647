import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { findWorklist, type ReadModelStore, type WorklistPage } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import { GetWorklist } from './get-worklist.query';

@QueryHandler(GetWorklist)
export class GetWorklistHandler implements IQueryHandler<GetWorklist, ReadResult<WorklistPage>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly gate: ReadGate,
  ) {}

  execute({ query, minPosition }: GetWorklist): Promise<ReadResult<WorklistPage>> {
    return this.gate.read(['churn-risk'], minPosition, () => findWorklist(this.store, query));
  }
}
