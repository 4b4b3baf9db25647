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
    const cohort = cohorts.get(period);
    if (cohort === undefined) cohorts.set(period, [member]);
    else cohort.push(member);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, cohortMembers]) => cohortOf(period, cohortMembers, query));
}

function cohortOf(period: string, members: readonly CohortMember[], query: CohortQuery): Cohort {
  const start = periodStart(new Date(members[0]?.statusChanges[0]?.at ?? query.from), query.granularity);
  const ends = periodEnds(start, query);
  const active = new Array<number>(ends.length).fill(0);
  const revenue = new Array<bigint>(ends.length).fill(0n);
  for (const member of members) {
    countActive(member, ends, active);
    for (const r of member.revenue) {
      const at = Date.parse(r.at);
      const offset = at < start.getTime() ? -1 : firstEndAfter(ends, at);
      if (offset >= 0 && offset < ends.length) revenue[offset] = (revenue[offset] ?? 0n) + r.minor;
    }
  }
  return {
    period,
    size: members.length,
    retainedPercent: active.map((count) => Math.round((count / members.length) * 10_000) / 100),
    revenueMinor: revenue.map((sum) => sum.toString()),
  };
}

/** The end (exclusive, in ms) of each period from `start` that has ended by `asOf`. */
function periodEnds(start: Date, query: CohortQuery): number[] {
  const ends: number[] = [];
  for (let offset = 1; ; offset += 1) {
    const end = shift(start, offset, query.granularity);
    if (end.toISOString() > query.asOf) return ends;
    ends.push(end.getTime());
  }
}

/** Adds 1 to `active[i]` for each period end at which the member's last status change was to active. */
function countActive(member: CohortMember, ends: readonly number[], active: number[]): void {
  const changes = member.statusChanges.map((change) => ({ at: Date.parse(change.at), status: change.status }));
  let next = 0;
  let status: 'active' | 'churned' | null = null;
  ends.forEach((end, i) => {
    while (next < changes.length && (changes[next]?.at ?? 0) <= end - 1) status = changes[next++]?.status ?? status;
    if (status === 'active') active[i] = (active[i] ?? 0) + 1;
  });
}

/** The index of the first period end after `at` (binary search); `ends.length` when none is. */
function firstEndAfter(ends: readonly number[], at: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ends[middle] ?? 0) > at) high = middle;
    else low = middle + 1;
  }
  return low;
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
