import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@rapport/kernel';
import { migrationMatrix } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';
import { CLOCK } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import {
  GetSegmentHistory,
  GetSegmentMigrations,
  ListSegmentMembersAsOf,
  type SegmentHistoryView,
  type SegmentMembersAsOfPage,
  type SegmentMigrationsView,
} from './segment-lineage.queries';
import { SegmentLineageReader } from './segment-lineage.reader';

export const SEGMENT_HISTORY_PROJECTION = 'segment-history';
const PROJECTIONS = [SEGMENT_HISTORY_PROJECTION];

/** A customer's segment changes with their causes, time-driven moves up to now included. */
@QueryHandler(GetSegmentHistory)
export class GetSegmentHistoryHandler implements IQueryHandler<GetSegmentHistory, ReadResult<SegmentHistoryView>> {
  constructor(
    private readonly lineage: SegmentLineageReader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
  ) {}

  execute({ customerId, minPosition }: GetSegmentHistory): Promise<ReadResult<SegmentHistoryView>> {
    return this.gate.read(PROJECTIONS, minPosition, async () => {
      const changes = await this.lineage.history(customerId, this.clock.now());
      return changes === undefined ? undefined : { customerId, changes };
    });
  }
}

/** How many customers moved from each segment to each other between two instants. */
@QueryHandler(GetSegmentMigrations)
export class GetSegmentMigrationsHandler implements IQueryHandler<GetSegmentMigrations, ReadResult<SegmentMigrationsView>> {
  constructor(
    private readonly lineage: SegmentLineageReader,
    private readonly gate: ReadGate,
  ) {}

  execute({ from, to, minPosition }: GetSegmentMigrations): Promise<ReadResult<SegmentMigrationsView>> {
    return this.gate.read(PROJECTIONS, minPosition, async () => {
      const pairs: (readonly [string | null, string | null])[] = [];
      await this.lineage.keysAsOf([from, to], undefined, ({ keys: [before = null, after = null] }) => pairs.push([before, after]) > 0);
      return { from: from.toISOString(), to: to.toISOString(), migrations: migrationMatrix(pairs) };
    });
  }
}

/** The members of a segment at a past instant, in id order. */
@QueryHandler(ListSegmentMembersAsOf)
export class ListSegmentMembersAsOfHandler implements IQueryHandler<ListSegmentMembersAsOf, ReadResult<SegmentMembersAsOfPage>> {
  constructor(
    private readonly lineage: SegmentLineageReader,
    private readonly gate: ReadGate,
  ) {}

  execute({ segment, asOf, limit, cursor, minPosition }: ListSegmentMembersAsOf): Promise<ReadResult<SegmentMembersAsOfPage>> {
    return this.gate.read(PROJECTIONS, minPosition, async () => {
      const customers: { customerId: string; segment: string }[] = [];
      const next = await this.lineage.keysAsOf([asOf], cursor, ({ customerId, keys: [key] }) => {
        if (key === segment) customers.push({ customerId, segment });
        return customers.length < limit;
      });
      return { segment, asOf: asOf.toISOString(), customers, next };
    });
  }
}
