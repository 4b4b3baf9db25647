import { Inject, Injectable } from '@nestjs/common';
import { readAllCustomerAnalytics, retentionByCohort, type CustomerAnalytics, type ReadModelStore } from '@rapport/read-models';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { VersionedCache } from '../shared/versioned-cache';

export const ANALYTICS_PROJECTIONS = ['analytics'];

interface Held {
  readonly generation: string;
  /** The projection's position when last read: every document changed up to it is in `byId`. */
  readonly position: number;
  readonly byId: ReadonlyMap<string, CustomerAnalytics>;
}

/**
 * Every customer's analytics document, kept in memory: breakdowns, cohorts, values and clusters
 * are computed over the whole book. A new version of the projection reads only the documents
 * stamped above the position last read (the projector writes documents before it moves its
 * checkpoint, so none at or below it is still to come); a new generation (a rebuild) reads all.
 */
@Injectable()
export class AnalyticsBook {
  private readonly cache = new VersionedCache<readonly CustomerAnalytics[]>(1);
  private readonly curves = new VersionedCache<ReadonlyMap<string, readonly number[]>>(2);
  private held: Held = { generation: '', position: -1, byId: new Map() };

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly projector: ProjectorHost,
  ) {}

  customers(): Promise<readonly CustomerAnalytics[]> {
    return this.cache.get('book', this.projector.versionOf(ANALYTICS_PROJECTIONS), () => this.refreshed());
  }

  /** The monthly cohorts' retention curves as of `now`: they change only with the data and when a month ends. */
  retentionCurves(now: Date): Promise<ReadonlyMap<string, readonly number[]>> {
    const month = now.toISOString().slice(0, 7);
    return this.curves.get(month, this.projector.versionOf(ANALYTICS_PROJECTIONS), async () =>
      retentionByCohort(await this.customers(), now),
    );
  }

  private async refreshed(): Promise<readonly CustomerAnalytics[]> {
    const status = this.projector.status().find((s) => s.name === ANALYTICS_PROJECTIONS[0]);
    const generation = status?.generation ?? '';
    const position = status?.position ?? 0;
    const isSameGeneration = generation === this.held.generation;
    const changed = await readAllCustomerAnalytics(this.store, isSameGeneration ? this.held.position : undefined);
    const byId = new Map(isSameGeneration ? this.held.byId : []);
    for (const customer of changed) byId.set(customer.customerId, customer);
    this.held = { generation, position, byId };
    return [...byId.values()];
  }
}
