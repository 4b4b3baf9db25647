/** The API's answers, as far as the pages read them (README "Read models", "Audit"). */
export interface Money {
  readonly amount: string;
  readonly currency: string;
}

export interface Kpis {
  readonly from: string;
  readonly to: string;
  readonly acquired: number;
  readonly activated: number;
  readonly churned: number;
  readonly churnRate: number | null;
  readonly retentionRate: number | null;
  readonly csat: number | null;
  readonly nps: number | null;
  readonly complaints: number;
  readonly averageResolutionHours: number | null;
  readonly revenue: readonly Money[];
  readonly clv: readonly { readonly currency: string; readonly value: string | null }[];
}

export interface TrendRow {
  readonly period: string;
  readonly key: string;
  readonly responses: number;
  readonly csat: number | null;
  readonly averageScore: number | null;
  readonly nps: number | null;
}

export interface Dimensions {
  readonly customerType: string;
  readonly valueTier: string;
  readonly riskProfile: string;
  readonly behaviour: string;
  readonly lifecycleStage: string;
}

export interface SegmentCount {
  readonly segment: string;
  readonly dimensions: Dimensions;
  readonly count: number;
  readonly valueContribution: { readonly high: number; readonly medium: number; readonly low: number };
}

export interface SegmentMembersPage {
  readonly segment: string;
  readonly customers: readonly {
    readonly customerId: string;
    readonly dimensions: Dimensions;
    readonly valueContribution: { readonly band: string };
  }[];
  readonly next: string | null;
}

export interface LeaderboardEntry {
  readonly rank: number;
  readonly customerId: string;
  readonly balance: number;
  readonly lifetimeEarned: number;
  readonly redeemed: number;
  readonly tier: string;
}

export interface Complaint {
  readonly customerId: string;
  readonly complaintId: string;
  readonly category: string;
  readonly severity: string;
  readonly channel: string;
  readonly status: 'open' | 'resolved';
  readonly filedAt: string;
  readonly dueAt: string;
  readonly resolvedAt?: string;
  readonly resolutionHours?: number;
  readonly isOverdue: boolean;
}

export interface ComplaintsPage {
  readonly complaints: readonly Complaint[];
  readonly next: string | null;
}

export interface HistoryEvent {
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: {
    readonly occurredAt: string;
    readonly recordedAt: string;
    readonly actor: string;
    readonly channel: string;
    readonly correlationId: string;
  };
}

export interface HistoryPage {
  readonly events: readonly HistoryEvent[];
  readonly nextRevision?: number;
}

export interface StateAsOf {
  readonly asOf: string;
  readonly basis: 'occurred' | 'recorded';
  readonly eventsApplied: number;
  readonly state: Readonly<Record<string, unknown>>;
}

export interface ChainVerdict {
  readonly valid: boolean;
  readonly events: number;
  readonly brokenAt?: { readonly revision: number; readonly reason: string };
}

export interface AccessEntry {
  readonly revision: number;
  readonly actor: string;
  readonly role: string;
  readonly via: string;
  readonly correlationId: string;
  readonly occurredAt: string;
}

/** GET /v1/loyalty/tiers: customers per tier over every account. */
export interface TierCount {
  readonly tier: string;
  readonly customers: number;
}
