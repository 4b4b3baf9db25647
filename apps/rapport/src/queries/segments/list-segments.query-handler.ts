import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@rapport/kernel';
import type { SegmentCount } from '@rapport/read-models';
import { CLOCK } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { ListSegments } from './list-segments.query';
import { SEGMENT_COUNTS_PROJECTION, SegmentCounts } from './segment-counts';

/**
 * Segment counts as of now: the segment-counts projection's totals, corrected by SegmentCounts for
 * the members whose behaviour or lifecycle stage has moved with time alone since they were counted.
 */
@QueryHandler(ListSegments)
export class ListSegmentsHandler implements IQueryHandler<ListSegments, ReadResult<readonly SegmentCount[]>> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
    private readonly counts: SegmentCounts,
  ) {}

  execute({ minPosition }: ListSegments): Promise<ReadResult<readonly SegmentCount[]>> {
    return this.gate.read([SEGMENT_COUNTS_PROJECTION], minPosition, () => this.counts.countsAt(this.clock.now()));
  }
}
