import { Inject, Injectable } from '@nestjs/common';
import { CUSTOMER_ANALYTICS, type CustomerAnalytics, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_MODEL_STORE } from '../../wiring/tokens';
import { VersionedCache } from '../shared/versioned-cache';

export const ANALYTICS_PROJECTIONS = ['analytics'];
const PAGE = 1000;

/**
 * Every customer's analytics document, read once per version of the analytics projection:
 * breakdowns, cohorts, values and clusters are computed over the whole book in memory.
 */
@Injectable()
export class AnalyticsBook {
  private readonly cache = new VersionedCache<readonly CustomerAnalytics[]>(1);

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly projector: ProjectorHost,
  ) {}

  customers(): Promise<readonly CustomerAnalytics[]> {
    return this.cache.get('book', this.projector.versionOf(ANALYTICS_PROJECTIONS), () => this.readAll());
  }

  private async readAll(): Promise<CustomerAnalytics[]> {
    const customers: CustomerAnalytics[] = [];
    let after: string | undefined;
    do {
      const page = await this.store.find<Stamped<CustomerAnalytics>>(CUSTOMER_ANALYTICS, { limit: PAGE, ...(after ? { after } : {}) });
      customers.push(...page.documents);
      after = page.next ?? undefined;
    } while (after !== undefined);
    return customers;
  }
}
