import { Query } from '@nestjs/cqrs';
import type { ProjectionStatus } from '@rapport/read-models';

export interface ProjectionsView {
  readonly head: number;
  readonly projections: readonly ProjectionStatus[];
}

export class GetProjectionStatus extends Query<ProjectionsView> {}
