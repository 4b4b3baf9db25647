import type { ChurnRiskReason } from '@rapport/customer-domain';
import {
  CHURN_RISK,
  RETENTION_TOTALS,
  RETENTION_TOTALS_ID,
  type ChurnRiskDocument,
  type LastRetentionAction,
  type RetentionTotals,
} from '../projections/churn-risk.projection';
import type { Stamped } from '../projections/projection';
import type { Filter, ReadModelStore } from '../read-model-store.port';
import { ratioToHundredths } from './ratios';

export interface WorklistQuery {
  readonly minScore?: number;
  /** `customerType.valueTier.riskProfile`. */
  readonly segment?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface WorklistEntry {
  readonly customerId: string;
  readonly segment: string;
  readonly score: number;
  readonly reasons: readonly ChurnRiskReason[];
  readonly atRiskSince: string | null;
  readonly assessedAt: string | null;
  readonly lastAction: LastRetentionAction | null;
}

export interface WorklistPage {
  readonly customers: readonly WorklistEntry[];
  readonly next: string | null;
}

/**
 * Customers at risk now (scored at or above the threshold recorded with their score) who have not
 * churned, highest score first, ties by customer id: the keyset cursor keeps pages stable while
 * scores change between them (a customer whose score changed may appear twice or not at all, never
 * a page shifted by an offset).
 */
export async function findWorklist(store: ReadModelStore, query: WorklistQuery, collection = CHURN_RISK): Promise<WorklistPage> {
  const filter: Filter = {
    isListed: true,
    ...(query.minScore === undefined ? {} : { score: { $gte: query.minScore } }),
    ...(query.segment === undefined ? {} : { segment: query.segment }),
  };
  const page = await store.find<Stamped<ChurnRiskDocument>>(collection, {
    filter,
    sort: { field: 'score', direction: 'desc' },
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { after: query.cursor }),
  });
  const customers = page.documents.map(({ customerId, segment, score, reasons, atRiskSince, assessedAt, lastAction }) => ({
    customerId,
    segment,
    score,
    reasons,
    atRiskSince,
    assessedAt,
    lastAction,
  }));
  return { customers, next: page.next };
}

export interface RetainedAfterAction {
  /** Customers who have been at risk at least once. */
  readonly customersAtRisk: number;
  /** Of those, customers with a retention action whose outcome is `retained`. */
  readonly retained: number;
  /** retained / customersAtRisk × 100, 2 decimals; null when nobody has been at risk. */
  readonly percent: number | null;
}

export async function retainedAfterAction(store: ReadModelStore, collection = RETENTION_TOTALS): Promise<RetainedAfterAction> {
  const totals = await store.get<Stamped<RetentionTotals>>(collection, RETENTION_TOTALS_ID);
  const customersAtRisk = totals?.everAtRisk ?? 0;
  const retained = totals?.retainedAfterAction ?? 0;
  return { customersAtRisk, retained, percent: ratioToHundredths(retained * 100, customersAtRisk) };
}
