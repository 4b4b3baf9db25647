import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@rapport/kernel';
import type { SegmentCount } from '@rapport/read-models';
import { CLOCK } from '../../wiring/tokens';
import { ReadGate } from '../shared/read-gate';
import type { ReadResult } from '../../http/outcomes';
import { ListSegments } from './list-segments.query';
import { SegmentCounts } from './segment-counts';

/**
 * Segment counts as of now. Behaviour and lifecycle stage change with time alone, so they are
 * worked out from each member's stored facts as of now; SegmentCounts keeps them up to date
 * rather than passing over every member per request.
 */
@QueryHandler(ListSegments)
export class ListSegmentsHandler implements IQueryHandler<ListSegments, ReadResult<readonly SegmentCount[]>> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gate: ReadGate,
    private readonly counts: SegmentCounts,
  ) {}

  execute({ minPosition }: ListSegments): Promise<ReadResult<readonly SegmentCount[]>> {
    return this.gate.read(['segments'], minPosition, () => this.counts.countsAt(this.clock.now()));
  }
}
