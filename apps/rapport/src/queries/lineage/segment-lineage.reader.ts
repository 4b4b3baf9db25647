import { Inject, Injectable } from '@nestjs/common';
import {
  cursorAfter,
  findAll,
  segmentHistory,
  segmentKeyAsOf,
  SEGMENT_CHANGES,
  SEGMENT_LINEAGE_CUSTOMERS,
  type Filter,
  type LineageCustomer,
  type ReadModelConfig,
  type ReadModelStore,
  type SegmentChange,
  type Stamped,
} from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import { READ_MODEL_STORE } from '../../wiring/tokens';

const PAGE = 500;

/** A customer's segment key at each instant asked about (null: not a customer yet). */
export interface KeysAsOf {
  readonly customerId: string;
  readonly keys: readonly (string | null)[];
}

/** Reads the segment-history projection: one customer's changes, or every customer's key at some instants, page by page. */
@Injectable()
export class SegmentLineageReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
  ) {}

  /** Undefined for a customer the projection has not seen. */
  async history(customerId: string, now: Date): Promise<SegmentChange[] | undefined> {
    const lineage = await this.store.get<Stamped<LineageCustomer>>(SEGMENT_LINEAGE_CUSTOMERS, customerId);
    if (lineage === null) return undefined;
    const stored = await this.changes({ customerId });
    return segmentHistory(stored.map(withoutStamp), lineage, now, this.config);
  }

  /**
   * Visits customers in id order after `cursor` with their keys at `instants`, until `visit` says stop.
   * Returns the cursor after the last customer visited, or null when none remain.
   */
  async keysAsOf(instants: readonly Date[], cursor: string | undefined, visit: (keys: KeysAsOf) => boolean): Promise<string | null> {
    const latest = new Date(Math.max(...instants.map((instant) => instant.getTime()))).toISOString();
    let after = cursor;
    for (;;) {
      const page = await this.store.find<Stamped<LineageCustomer>>(SEGMENT_LINEAGE_CUSTOMERS, { limit: PAGE, ...(after ? { after } : {}) });
      const ids = page.documents.map((lineage) => lineage.customerId);
      const changes = ids.length === 0 ? [] : await this.changes({ customerId: { $in: ids }, at: { $lte: latest } });
      const byCustomer = byCustomerId(changes);
      for (const [index, lineage] of page.documents.entries()) {
        const stored = byCustomer.get(lineage.customerId) ?? [];
        const keys = instants.map((instant) => segmentKeyAsOf(stored, lineage, instant, this.config));
        if (!visit({ customerId: lineage.customerId, keys })) {
          const isLast = index === page.documents.length - 1 && page.next === null;
          return isLast ? null : cursorAfter(lineage);
        }
      }
      if (page.next === null) return null;
      after = page.next;
    }
  }

  /** Matching changes in id order (per customer: as they happened). */
  private changes(filter: Filter): Promise<Stamped<SegmentChange>[]> {
    return findAll<Stamped<SegmentChange>>(this.store, SEGMENT_CHANGES, { filter });
  }
}

function withoutStamp(change: Stamped<SegmentChange>): SegmentChange {
  const { customerId, at, from, to, cause } = change;
  return { customerId, at, from, to, cause };
}

function byCustomerId(changes: readonly SegmentChange[]): Map<string, SegmentChange[]> {
  const grouped = new Map<string, SegmentChange[]>();
  for (const change of changes) {
    const list = grouped.get(change.customerId);
    if (list === undefined) grouped.set(change.customerId, [change]);
    else list.push(change);
  }
  return grouped;
}
