import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventBusFeed } from '../../projections/event-bus-feed';
import { ProjectorHost } from '../../projections/projector-host';
import { GetProjectionStatus, type ProjectionsView } from './get-projection-status.query';

/** Each projection's checkpoint and lag, and the event feed that drives the sagas. */
@QueryHandler(GetProjectionStatus)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatus, ProjectionsView> {
  constructor(
    private readonly projector: ProjectorHost,
    private readonly feed: EventBusFeed,
  ) {}

  async execute(): Promise<ProjectionsView> {
    const projections = [...this.projector.status(), ...this.feed.status()];
    return { head: Math.max(0, ...projections.map((p) => p.head)), projections };
  }
}
