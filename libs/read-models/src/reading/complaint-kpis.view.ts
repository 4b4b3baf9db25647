import type { ComplaintSeverity } from '@rapport/customer-domain';
import type { ComplaintKpiDay } from '../projections/complaint-kpis.projection';
import { ratioToHundredths } from './ratios';

/**
 * One category and severity over a period: complaints filed in it; of those resolved in it, the
 * percentage resolved by their due date and the average hours from filing to resolution.
 */
export interface ComplaintKpis {
  readonly category: string;
  readonly severity: ComplaintSeverity;
  readonly count: number;
  readonly resolved: number;
  readonly shareResolvedInTime: number | null;
  readonly averageResolutionHours: number | null;
}

/** Sums a period's day documents per category and severity, in category then severity order. */
export function complaintKpis(days: readonly ComplaintKpiDay[]): readonly ComplaintKpis[] {
  const groups = new Map<string, ComplaintKpiDay>();
  for (const day of days) {
    const key = JSON.stringify([day.category, day.severity]);
    const sum = groups.get(key);
    groups.set(
      key,
      sum === undefined
        ? day
        : {
            ...sum,
            filed: sum.filed + day.filed,
            resolved: sum.resolved + day.resolved,
            resolvedInTime: sum.resolvedInTime + day.resolvedInTime,
            resolutionHundredths: sum.resolutionHundredths + day.resolutionHundredths,
          },
    );
  }
  return [...groups.values()]
    .sort((a, b) => a.category.localeCompare(b.category) || a.severity.localeCompare(b.severity))
    .map((sum) => ({
      category: sum.category,
      severity: sum.severity,
      count: sum.filed,
      resolved: sum.resolved,
      shareResolvedInTime: ratioToHundredths(sum.resolvedInTime * 100, sum.resolved),
      averageResolutionHours: ratioToHundredths(sum.resolutionHundredths, sum.resolved * 100),
    }));
}
