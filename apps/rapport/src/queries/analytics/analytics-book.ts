import { Inject, Injectable } from '@nestjs/common';
import { readAllCustomerAnalytics, retentionByCohort, type CustomerAnalytics, type ReadModelStore } from '@rapport/read-models';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { VersionedCache } from '../shared/versioned-cache';

export const ANALYTICS_PROJECTIONS = ['analytics'];

/**
 * Every customer's analytics document, read once per version of the analytics projection:
 * breakdowns, cohorts, values and clusters are computed over the whole book in memory.
 */
@Injectable()
export class AnalyticsBook {
  private readonly cache = new VersionedCache<readonly CustomerAnalytics[]>(1);
  private readonly curves = new VersionedCache<ReadonlyMap<string, readonly number[]>>(2);

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly projector: ProjectorHost,
  ) {}

  customers(): Promise<readonly CustomerAnalytics[]> {
    return this.cache.get('book', this.projector.versionOf(ANALYTICS_PROJECTIONS), () => readAllCustomerAnalytics(this.store));
  }

  /** The monthly cohorts' retention curves as of `now`: they change only with the data and when a month ends. */
  retentionCurves(now: Date): Promise<ReadonlyMap<string, readonly number[]>> {
    const month = now.toISOString().slice(0, 7);
    return this.curves.get(month, this.projector.versionOf(ANALYTICS_PROJECTIONS), async () =>
      retentionByCohort(await this.customers(), now),
    );
  }
}
