import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { instantOf, type Clock } from '@rapport/kernel';
import {
  cursorAfter,
  memberView,
  parseSegmentKey,
  type Filter,
  type MemberView,
  type ReadModelConfig,
  type ReadModelStore,
} from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { CLOCK, READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { ListSegmentCustomers, type SegmentCustomersPage } from './list-segments.query';
import { scanMembers } from './segment-members.scan';

/** Members of one segment as of now, in id order: the stored dimensions narrow the scan, the time-dependent ones are checked here. */
@QueryHandler(ListSegmentCustomers)
export class ListSegmentCustomersHandler implements IQueryHandler<ListSegmentCustomers, ReadResult<SegmentCustomersPage>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
  ) {}

  execute({ segment, limit, cursor, minPosition }: ListSegmentCustomers): Promise<ReadResult<SegmentCustomersPage>> {
    return this.gate.read(['segments'], minPosition, async () => {
      const now = instantOf(this.clock.now());
      const customers: MemberView[] = [];
      let next: string | null = null;
      const hasMore = await scanMembers(this.store, storedDimensions(segment), cursor, (member) => {
        const view = memberView(member, now, this.config);
        if (view.segment === segment) customers.push(view);
        next = cursorAfter(member);
        return customers.length < limit;
      });
      return { segment, customers, next: hasMore ? next : null };
    });
  }
}

/** The dimensions kept in the documents, and the status a lifecycle stage implies. */
function storedDimensions(segment: string): Filter {
  const dimensions = parseSegmentKey(segment);
  if (dimensions === undefined) return { _id: null };
  const { customerType, valueTier, riskProfile, lifecycleStage } = dimensions;
  const status = lifecycleStage === 'prospect' ? 'acquired' : lifecycleStage === 'churned' ? 'churned' : 'active';
  return { 'facts.customerType': customerType, 'facts.valueTier': valueTier, 'facts.riskProfile': riskProfile, 'facts.status': status };
}
