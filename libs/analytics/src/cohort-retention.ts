import { addMonths, periodLabel, type Granularity } from '@rapport/kernel';

/** Cohorts also come by calendar quarter (`2026-Q1`). */
export type CohortGranularity = Granularity | 'quarter';

/**
 * Cohort retention (issue #13): customers grouped by the period they were activated in, with the
 * share still active at the end of each later period — a retention triangle — and the revenue
 * each cohort brought. A customer is active at an instant when its last status change at or before
 * it was an activation or reactivation, so a customer who churned and came back counts again.
 */
export interface CohortMember {
  readonly customerId: string;
  /** Status changes in time order: the first is the activation. Instants are ISO 8601 UTC. */
  readonly statusChanges: readonly { readonly at: string; readonly status: 'active' | 'churned' }[];
  /** Revenue recorded for this customer, in minor units of one currency, with when it was recorded. */
  readonly revenue: readonly { readonly at: string; readonly minor: bigint }[];
}

export interface Cohort {
  /** The activation period's label (`2026-01`, `2026-Q1`, `2026-W03`, `2026-01-15`). */
  readonly period: string;
  readonly size: number;
  /** Share (0–100, 2 decimals) still active at the end of the period `offset + 1` periods after activation; `[0]` is the activation period itself. Only ended periods appear. */
  readonly retainedPercent: readonly number[];
  /** Revenue of the cohort's members in each period from activation on (minor units, as decimal strings); only ended periods. */
  readonly revenueMinor: readonly string[];
}

export interface CohortQuery {
  readonly granularity: CohortGranularity;
  /** Cohorts activated from this instant up to, not including, `to`. */
  readonly from: string;
  readonly to: string;
  /** The instant the triangle is drawn at: only periods ended by then are filled. */
  readonly asOf: string;
}

export function cohortTriangle(members: readonly CohortMember[], query: CohortQuery): Cohort[] {
  const cohorts = new Map<string, CohortMember[]>();
  for (const member of members) {
    const activatedAt = member.statusChanges[0]?.at;
    if (activatedAt === undefined || activatedAt < query.from || activatedAt >= query.to) continue;
    const period = cohortLabel(new Date(activatedAt), query.granularity);
    cohorts.set(period, [...(cohorts.get(period) ?? []), member]);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, cohortMembers]) => cohortOf(period, cohortMembers, query));
}

function cohortOf(period: string, members: readonly CohortMember[], query: CohortQuery): Cohort {
  const start = periodStart(new Date(members[0]?.statusChanges[0]?.at ?? query.from), query.granularity);
  const retainedPercent: number[] = [];
  const revenueMinor: string[] = [];
  for (let offset = 0; ; offset += 1) {
    const periodBegins = shift(start, offset, query.granularity);
    const periodEnds = shift(start, offset + 1, query.granularity);
    if (periodEnds.toISOString() > query.asOf) break;
    const active = members.filter((m) => isActiveAt(m, periodEnds.getTime() - 1)).length;
    retainedPercent.push(Math.round((active / members.length) * 10_000) / 100);
    const revenue = members
      .flatMap((m) => m.revenue)
      .filter((r) => Date.parse(r.at) >= periodBegins.getTime() && Date.parse(r.at) < periodEnds.getTime())
      .reduce((sum, r) => sum + r.minor, 0n);
    revenueMinor.push(revenue.toString());
  }
  return { period, size: members.length, retainedPercent, revenueMinor };
}

function isActiveAt(member: CohortMember, instantMs: number): boolean {
  let status: 'active' | 'churned' | null = null;
  for (const change of member.statusChanges) {
    if (Date.parse(change.at) > instantMs) break;
    status = change.status;
  }
  return status === 'active';
}

export function cohortLabel(instant: Date, granularity: CohortGranularity): string {
  if (granularity !== 'quarter') return periodLabel(instant, granularity);
  return `${instant.getUTCFullYear()}-Q${Math.floor(instant.getUTCMonth() / 3) + 1}`;
}

/** The first instant of the UTC period holding `instant` (ISO weeks start on Monday). */
export function periodStart(instant: Date, granularity: CohortGranularity): Date {
  if (granularity === 'quarter')
    return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() - (instant.getUTCMonth() % 3), 1));
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  if (granularity === 'day') return day;
  if (granularity === 'month') return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
  const mondayOffset = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - mondayOffset * 86_400_000);
}

function shift(start: Date, periods: number, granularity: CohortGranularity): Date {
  if (granularity === 'month') return addMonths(start, periods);
  if (granularity === 'quarter') return addMonths(start, periods * 3);
  return new Date(start.getTime() + periods * (granularity === 'week' ? 7 : 1) * 86_400_000);
}
