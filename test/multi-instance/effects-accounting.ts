import type { RecordedEvent } from '@rapport/event-store';
import type { HttpAnswer } from './http-traffic';

/** Every HTTP command against the store: each answered 201 and appended once, each customer's in the order sent. */
export interface HttpAccounting {
  readonly commands: number;
  readonly notCreated: readonly string[];
  readonly outOfOrderCustomers: readonly string[];
  readonly doubledSources: readonly string[];
}

export function accountHttp(answers: readonly HttpAnswer[], events: readonly RecordedEvent[]): HttpAccounting {
  const byStream = streams(events.filter((event) => event.type !== 'RetentionAlertRaised'));
  const sent = new Map<string, string[]>();
  for (const { command } of answers) sent.set(command.customerId, [...(sent.get(command.customerId) ?? []), command.appends]);
  const sources = events.flatMap((event) => (event.metadata.sourceMessage?.startsWith('http:') ? [event.metadata.sourceMessage] : []));
  return {
    commands: answers.length,
    notCreated: answers
      .filter((answer) => answer.status !== 201)
      .map(({ command, status }) => `${command.idempotencyKey} ${command.path}: ${status}`),
    outOfOrderCustomers: [...sent].flatMap(([customerId, types]) => {
      const stored = (byStream.get(`customer-${customerId}`) ?? []).map((event) => event.type);
      return JSON.stringify(stored) === JSON.stringify(types) ? [] : [`${customerId}: sent ${types.join(',')}; stored ${stored.join(',')}`];
    }),
    doubledSources: repeated(sources),
  };
}

/**
 * The retention-alert saga's work: exactly one RetentionAlertRaised for each answer that completed a
 * falling run and stayed its customer's latest (in these scripts, each `alertDue` customer's last answer),
 * and none anywhere else.
 */
export interface SagaAccounting {
  readonly missingAlerts: readonly string[];
  readonly doubledAlerts: readonly string[];
  readonly unwarrantedAlerts: readonly string[];
}

export function accountRetentionAlerts(events: readonly RecordedEvent[], alertDue: ReadonlyMap<string, string>): SagaAccounting {
  const alerts = events.filter((event) => event.type === 'RetentionAlertRaised');
  const alertedSurveys = alerts.map((event) => `${event.streamId}/${String(event.data.surveyId)}`);
  const due = new Set([...alertDue].map(([customerId, surveyId]) => `customer-${customerId}/${surveyId}`));
  return {
    missingAlerts: [...due].filter((survey) => !alertedSurveys.includes(survey)),
    doubledAlerts: repeated(alertedSurveys),
    unwarrantedAlerts: alertedSurveys.filter((survey) => !due.has(survey)),
  };
}

function streams(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of [...events].sort((a, b) => a.revision - b.revision))
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  return byStream;
}

function repeated(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}
