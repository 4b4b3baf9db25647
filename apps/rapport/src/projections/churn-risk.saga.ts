import { Injectable } from '@nestjs/common';
import { ofType, Saga, type ICommand, type IEvent } from '@nestjs/cqrs';
import type { CustomerEventType } from '@rapport/customer-domain';
import { filter, map, type Observable } from 'rxjs';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { causedBy, StoredCustomerEvent } from './stored-customer-event';

export const CHURN_RISK_SAGA_ACTOR = 'churn-risk-saga';

/** The events that change a churn-risk signal; time alone is the sweep's (sweeps/churn-risk.sweep.ts). */
export const CHURN_RISK_SIGNAL_EVENTS: ReadonlySet<CustomerEventType> = new Set([
  'TransactionRecorded',
  'SatisfactionRecorded',
  'ComplaintFiled',
  'ComplaintEscalated',
  'ComplaintResolved',
  'CustomerProfileUpdated',
  'CustomerReactivated',
]);

/**
 * Re-assesses churn risk as of an event's business time whenever the event changes a signal. The
 * decider appends a ChurnRiskAssessed only when the score moved; the command names the event as
 * its cause, so a redelivered event gives the same event ids.
 */
@Injectable()
export class ChurnRiskSaga {
  @Saga()
  assessments = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(StoredCustomerEvent),
      filter((stored) => CHURN_RISK_SIGNAL_EVENTS.has(stored.event.type)),
      map(assessmentAfter),
    );
}

export function assessmentAfter(stored: StoredCustomerEvent): ExecuteCustomerCommand {
  const { event } = stored;
  return new ExecuteCustomerCommand(
    { type: 'AssessChurnRisk', customerId: event.customerId, occurredAt: event.data.occurredAt, data: {} },
    causedBy(stored, CHURN_RISK_SAGA_ACTOR),
  );
}
