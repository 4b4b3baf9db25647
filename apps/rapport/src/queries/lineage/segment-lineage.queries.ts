import { Query } from '@nestjs/cqrs';
import type { SegmentChange, SegmentMigration } from '@rapport/read-models';
import type { ReadResult } from '../../http/outcomes';

export interface SegmentHistoryView {
  readonly customerId: string;
  readonly changes: readonly SegmentChange[];
}

export class GetSegmentHistory extends Query<ReadResult<SegmentHistoryView>> {
  constructor(
    readonly customerId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

export interface SegmentMigrationsView {
  readonly from: string;
  readonly to: string;
  /** Customers whose segment at `to` differs from the one at `from`; null: not a customer at that instant. */
  readonly migrations: readonly SegmentMigration[];
}

export class GetSegmentMigrations extends Query<ReadResult<SegmentMigrationsView>> {
  constructor(
    readonly from: Date,
    readonly to: Date,
    readonly minPosition?: number,
  ) {
    super();
  }
}

export interface SegmentMembersAsOfPage {
  readonly segment: string;
  readonly asOf: string;
  readonly customers: readonly { readonly customerId: string; readonly segment: string }[];
  readonly next: string | null;
}

export class ListSegmentMembersAsOf extends Query<ReadResult<SegmentMembersAsOfPage>> {
  constructor(
    readonly segment: string,
    readonly asOf: Date,
    readonly limit: number,
    readonly cursor?: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}
