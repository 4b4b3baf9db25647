import type {
  ChurnRiskAssessedData,
  ComplaintDeadlineData,
  CustomerChurnedData,
  LoyaltyTierChangedData,
  RetentionAlertRaisedData,
} from './signal-source-events';

export const SIGNALS_TOPIC = 'rapport.customer-signals.v1';
export const SIGNAL_SOURCE = '/rapport/customer-signals';

export const SIGNAL_KINDS = [
  'retention-alert',
  'risk-threshold-crossed',
  'complaint-breach-warning',
  'complaint-breached',
  'tier-changed',
  'churned',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** An outbound integration event: a CloudEvent 1.0 in structured form. */
export interface CustomerSignal {
  readonly specversion: '1.0';
  /** `<source event id>:<kind>`: the same for every publication of the same fact, so consumers dedupe on it. */
  readonly id: string;
  readonly source: typeof SIGNAL_SOURCE;
  readonly type: `rapport.customer.${SignalKind}.v1`;
  /** The customer id. */
  readonly subject: string;
  /** Business time of the source event. */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: { readonly customerId: string } & Readonly<Record<string, unknown>>;
}

/** What the mapping reads of a stored event: its id, type and data as stored. */
export interface SignalSourceEvent {
  readonly id: string;
  readonly type: string;
  readonly data: { readonly [key: string]: unknown };
}

type Mapping = (data: never) => Readonly<Record<string, unknown>> | undefined;

/**
 * One entry per source event type: the signal kind and the data it carries. Only codes, scores and
 * dates travel; free text (churn reasons, notes) and personal data never do.
 */
const MAPPINGS: Readonly<Record<string, { readonly kind: SignalKind; readonly data: Mapping }>> = {
  RetentionAlertRaised: {
    kind: 'retention-alert',
    data: (d: RetentionAlertRaisedData) => ({ surveyId: d.surveyId, recentScores: d.recentScores }),
  },
  ChurnRiskAssessed: {
    kind: 'risk-threshold-crossed',
    data: (d: ChurnRiskAssessedData) => (d.crossed ? { score: d.score, threshold: d.threshold, crossed: d.crossed } : undefined),
  },
  ComplaintBreachWarned: { kind: 'complaint-breach-warning', data: (d: ComplaintDeadlineData) => complaintDeadline(d) },
  ComplaintBreached: { kind: 'complaint-breached', data: (d: ComplaintDeadlineData) => complaintDeadline(d) },
  LoyaltyTierChanged: {
    kind: 'tier-changed',
    data: (d: LoyaltyTierChangedData) => ({ from: d.from, to: d.to, cause: d.cause, windowStartDay: d.windowStartDay }),
  },
  CustomerChurned: { kind: 'churned', data: (_d: CustomerChurnedData) => ({}) },
};

/** The source event types that can give a signal (contracts.md "Outbound signals"). */
export const SIGNAL_SOURCE_TYPES: readonly string[] = Object.keys(MAPPINGS);

/**
 * The signals a stored customer event gives: none for most events, one for those in MAPPINGS.
 * Pure: the same stored event always gives the same signals, ids included.
 */
export function signalsFor(event: SignalSourceEvent): readonly CustomerSignal[] {
  const mapping = Object.prototype.hasOwnProperty.call(MAPPINGS, event.type) ? MAPPINGS[event.type] : undefined;
  if (!mapping) return [];
  const source = event.data as { readonly customerId: string; readonly occurredAt: string };
  const data = mapping.data(event.data as never);
  if (!data) return [];
  return [
    {
      specversion: '1.0',
      id: `${event.id}:${mapping.kind}`,
      source: SIGNAL_SOURCE,
      type: `rapport.customer.${mapping.kind}.v1`,
      subject: source.customerId,
      time: source.occurredAt,
      datacontenttype: 'application/json',
      data: { customerId: source.customerId, ...data },
    },
  ];
}

function complaintDeadline(d: ComplaintDeadlineData): Readonly<Record<string, unknown>> {
  return { complaintId: d.complaintId, dueAt: d.dueAt };
}
