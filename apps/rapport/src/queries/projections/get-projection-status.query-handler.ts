import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@rapport/event-store';
import { EventBusFeed } from '../../projections/event-bus-feed';
import { ProjectorHost } from '../../projections/projector-host';
import { EVENT_STORE } from '../../wiring/tokens';
import { GetProjectionStatus, type ProjectionsView } from './get-projection-status.query';

/**
 * Each projection's checkpoint and lag, and the event feed that drives the sagas. The head is the
 * store's, read after the positions: when every position has reached it, every event stored by
 * then has been applied, and every command the sagas issued for them has been appended.
 */
@QueryHandler(GetProjectionStatus)
export class GetProjectionStatusHandler implements IQueryHandler<GetProjectionStatus, ProjectionsView> {
  constructor(
    private readonly projector: ProjectorHost,
    private readonly feed: EventBusFeed,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async execute(): Promise<ProjectionsView> {
    const statuses = [...this.projector.status(), ...this.feed.status()];
    const head = Math.max(await this.events.headPosition(), ...statuses.map((s) => s.position));
    return { head, projections: statuses.map((status) => ({ ...status, head, lag: Math.max(0, head - status.position) })) };
  }
}
