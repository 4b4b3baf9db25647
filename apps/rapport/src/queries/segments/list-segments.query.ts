import { Query } from '@nestjs/cqrs';
import type { MemberView, SegmentCount } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export class ListSegments extends Query<ReadResult<readonly SegmentCount[]>> {
  constructor(readonly minPosition?: number) {
    super();
  }
}

export interface SegmentCustomersPage {
  readonly segment: string;
  readonly customers: readonly MemberView[];
  readonly next: string | null;
}

export class ListSegmentCustomers extends Query<ReadResult<SegmentCustomersPage>> {
  constructor(
    readonly segment: string,
    readonly limit: number,
    readonly cursor?: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
