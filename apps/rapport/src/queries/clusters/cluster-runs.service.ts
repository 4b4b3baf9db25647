import { Inject, Injectable } from '@nestjs/common';
import type { ClusteringOptions } from '@rapport/analytics';
import type { Clock } from '@rapport/kernel';
import {
  CLUSTER_MEMBERS,
  CLUSTER_RUNS,
  readAllCustomerAnalytics,
  type ClusterMemberDocument,
  type ClusterRunDocument,
  type Page,
  type ReadModelAdmin,
  type ReadModelConfig,
  type ReadModelStore,
  type Stamped,
} from '@rapport/read-models';
import { READ_MODEL_CONFIG } from '../../projections/projection.tokens';
import type { ReadResult } from '../../http/outcomes';
import { CLOCK, READ_MODEL_ADMIN, READ_MODEL_STORE } from '../../wiring/tokens';
import { runClustering, type ClusteringOutcome } from './run-clustering';

type RunSummary = Omit<ClusterRunDocument, 'standardisation'>;

/** Behavioural clustering runs (issue #13): made on request, stored, listed and paged. */
@Injectable()
export class ClusterRunsService {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(READ_MODEL_ADMIN) private readonly admin: ReadModelAdmin,
    @Inject(READ_MODEL_CONFIG) private readonly config: ReadModelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(options: ClusteringOptions): Promise<ClusteringOutcome> {
    const customers = await readAllCustomerAnalytics(this.store);
    return runClustering(this.store, this.admin, customers, {
      options,
      now: this.clock.now(),
      currency: this.config.segmentation.rfm.monetaryCurrency,
    });
  }

  async list(limit: number, cursor?: string): Promise<ReadResult<{ runs: RunSummary[]; next: string | null }>> {
    const page = await this.store.find<Stamped<ClusterRunDocument>>(CLUSTER_RUNS, {
      sort: { field: 'createdAt', direction: 'desc' },
      limit,
      ...(cursor ? { after: cursor } : {}),
    });
    return found({ runs: page.documents.map(summary), next: page.next }, page.documents);
  }

  async get(runId: string): Promise<ReadResult<ClusterRunDocument>> {
    const run = await this.store.get<Stamped<ClusterRunDocument>>(CLUSTER_RUNS, runId);
    return run === null ? { kind: 'not-found', position: 0 } : found(withoutStamp(run), [run]);
  }

  async members(
    runId: string,
    cluster: number,
    limit: number,
    cursor?: string,
  ): Promise<ReadResult<{ customers: Omit<ClusterMemberDocument, 'runId'>[]; next: string | null }>> {
    const run = await this.store.get<Stamped<ClusterRunDocument>>(CLUSTER_RUNS, runId);
    if (run === null || cluster >= run.k) return { kind: 'not-found', position: 0 };
    const page: Page<Stamped<ClusterMemberDocument>> = await this.store.find(CLUSTER_MEMBERS, {
      filter: { runId, cluster },
      limit,
      ...(cursor ? { after: cursor } : {}),
    });
    const customers = page.documents.map(({ customerId, cluster: n, features }) => ({ customerId, cluster: n, features }));
    return found({ customers, next: page.next }, [run]);
  }
}

function withoutStamp({ _id, position: _position, ...run }: Stamped<ClusterRunDocument>): ClusterRunDocument {
  return run;
}

function summary(run: Stamped<ClusterRunDocument>): RunSummary {
  const { standardisation: _standardisation, ...rest } = withoutStamp(run);
  return rest;
}

/** A run's position is that of the analytics data it clustered. */
function found<T>(body: T, documents: readonly { readonly position: number }[]): ReadResult<T> {
  return { kind: 'found', body, position: documents.reduce((highest, d) => Math.max(highest, d.position), 0) };
}
