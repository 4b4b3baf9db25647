import { Injectable } from '@nestjs/common';
import { ofType, Saga, type ICommand, type IEvent } from '@nestjs/cqrs';
import { filter, map, type Observable } from 'rxjs';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { causedBy, StoredCustomerEvent } from './stored-customer-event';

export const RETENTION_SAGA_ACTOR = 'retention-alert-saga';

type StoredAnswer = StoredCustomerEvent & { readonly event: Extract<StoredCustomerEvent['event'], { type: 'SatisfactionRecorded' }> };

/**
 * Satisfaction early warning (design.md §2): every stored answer asks for a retention alert, and
 * the decider raises one only when the answer completes three strictly falling CSAT scores and is
 * still the customer's latest (else it answers `retention-alert-not-warranted`). The command names
 * the answer's event as its cause and is idempotent twice over: the decider ignores a repeated
 * surveyId, and the source message makes the event ids deterministic.
 */
@Injectable()
export class RetentionAlertSaga {
  @Saga()
  retentionAlerts = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(StoredCustomerEvent),
      filter((stored): stored is StoredAnswer => stored.event.type === 'SatisfactionRecorded'),
      map(retentionAlertFor),
    );
}

export function retentionAlertFor(answer: StoredAnswer): ExecuteCustomerCommand {
  const { event } = answer;
  return new ExecuteCustomerCommand(
    {
      type: 'RaiseRetentionAlert',
      customerId: event.customerId,
      occurredAt: event.data.occurredAt,
      data: { surveyId: event.data.surveyId },
    },
    causedBy(answer, RETENTION_SAGA_ACTOR),
  );
}
