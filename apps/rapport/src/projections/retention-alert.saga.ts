import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus, ofType, Saga, type ICommand, type IEvent } from '@nestjs/cqrs';
import { isFallingRun, type RaiseRetentionAlert } from '@rapport/customer-domain';
import { customerStreamId, type CommandContext } from '@rapport/kernel';
import { EMPTY, filter, mergeMap, type Observable } from 'rxjs';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import type { CustomerProcessor } from '../wiring/customer-processor';
import { CUSTOMER_PROCESSOR } from '../wiring/tokens';
import { StoredCustomerEvent } from './stored-customer-event';

export const RETENTION_SAGA_ACTOR = 'retention-alert-saga';

/**
 * Satisfaction early warning (design.md §2): when an answer completes three strictly falling CSAT
 * scores, raise a retention alert. The command names the answer's event as its cause and is
 * idempotent twice over: the decider ignores a repeated surveyId, and the source message makes the
 * event ids deterministic. It is executed here rather than returned to the bus so that the event
 * feed can wait for it before moving its checkpoint.
 */
@Injectable()
export class RetentionAlertSaga {
  private readonly logger = new Logger(RETENTION_SAGA_ACTOR);

  constructor(
    @Inject(CUSTOMER_PROCESSOR) private readonly processor: CustomerProcessor,
    private readonly commandBus: CommandBus,
  ) {}

  @Saga()
  retentionAlerts = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(StoredCustomerEvent),
      filter((stored) => stored.event.type === 'SatisfactionRecorded'),
      mergeMap((stored) => {
        stored.track(this.alertIfFalling(stored));
        return EMPTY;
      }),
    );

  /** Judged on the customer's current state: a later answer makes the run stale, as the decider would say. */
  async alertIfFalling(stored: StoredCustomerEvent): Promise<void> {
    const { event, eventId, metadata } = stored;
    if (event.type !== 'SatisfactionRecorded') return;
    const { state } = await this.processor.load(customerStreamId(event.customerId));
    if (state.status === 'none') return;
    const latest = state.recentSatisfaction;
    if (latest.at(-1)?.surveyId !== event.data.surveyId || !isFallingRun(latest.map((answer) => answer.csat))) return;
    const command: RaiseRetentionAlert = { type: 'RaiseRetentionAlert', customerId: event.customerId, occurredAt: event.data.occurredAt, data: { surveyId: event.data.surveyId } };
    const context: CommandContext = { correlationId: metadata.correlationId, causationId: eventId, actor: RETENTION_SAGA_ACTOR, channel: 'saga', sourceMessage: `${RETENTION_SAGA_ACTOR}:${eventId}` };
    const outcome = await this.commandBus.execute(new ExecuteCustomerCommand(command, context));
    if (outcome.kind === 'rejected') this.logger.log({ msg: 'retention alert not raised', rule: outcome.rejection.code, customerId: event.customerId, correlationId: metadata.correlationId });
  }
}
