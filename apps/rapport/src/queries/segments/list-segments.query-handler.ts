import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@rapport/kernel';
import { countMember, memberView, type ReadModelConfig, type ReadModelStore, type SegmentCount } from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { CLOCK, READ_MODEL_STORE } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../shared/read-result';
import { ListSegments } from './list-segments.query';
import { scanMembers } from './segment-members.scan';

/**
 * Segment counts as of now. Behaviour and lifecycle stage change with time alone, so they are
 * worked out here from each member's stored facts rather than kept as counters: one pass over
 * the members per request (a few hundred thousand per second on the embedded store).
 */
@QueryHandler(ListSegments)
export class ListSegmentsHandler implements IQueryHandler<ListSegments, ReadResult<readonly SegmentCount[]>> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
  ) {}

  execute({ minPosition }: ListSegments): Promise<ReadResult<readonly SegmentCount[]>> {
    return this.gate.read(['segments'], minPosition, async () => {
      const now = this.clock.now();
      const counts = new Map<string, SegmentCount>();
      await scanMembers(this.store, {}, undefined, (member) => {
        countMember(counts, memberView(member, now, this.config));
        return true;
      });
      return [...counts.values()].sort((a, b) => b.count - a.count || a.segment.localeCompare(b.segment));
    });
  }
}
