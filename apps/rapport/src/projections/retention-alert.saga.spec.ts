import type { ICommand } from '@nestjs/cqrs';
import type { CustomerEvent } from '@rapport/customer-domain';
import type { EventMetadata } from '@rapport/kernel';
import type { ProjectedEvent } from '@rapport/read-models';
import { customerActivated, satisfactionRecorded } from '@rapport/testing';
import { firstValueFrom, from, toArray } from 'rxjs';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { RETENTION_SAGA_ACTOR, RetentionAlertSaga } from './retention-alert.saga';
import { StoredCustomerEvent } from './stored-customer-event';

const metadata = {
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: 'branch-gateway',
  channel: 'branch',
  occurredAt: '',
  recordedAt: '',
  schemaVersion: 1,
  previousHash: null,
  hash: 'h',
} satisfies EventMetadata;

function stored(event: CustomerEvent, eventId: string): StoredCustomerEvent {
  return new StoredCustomerEvent(
    { ...event, customerId: event.data.customerId, position: 1, revision: 0, at: event.data.occurredAt } as ProjectedEvent,
    eventId,
    metadata,
  );
}

const commandsFor = (...events: StoredCustomerEvent[]): Promise<ICommand[]> =>
  firstValueFrom(new RetentionAlertSaga().retentionAlerts(from(events)).pipe(toArray()));

describe('the retention-alert saga', () => {
  it('maps each stored answer to a RaiseRetentionAlert for its survey, caused by the answer, with ids fixed by it', async () => {
    const answer = satisfactionRecorded({ customerId: 'C-1', surveyId: 's-3' });
    const [command, ...rest] = await commandsFor(stored(answer, 'event-9'));
    expect(rest).toEqual([]);
    expect(command).toBeInstanceOf(ExecuteCustomerCommand);
    expect(command).toMatchObject({
      command: { type: 'RaiseRetentionAlert', customerId: 'C-1', occurredAt: answer.data.occurredAt, data: { surveyId: 's-3' } },
      context: {
        correlationId: 'corr-1',
        causationId: 'event-9',
        actor: RETENTION_SAGA_ACTOR,
        channel: 'saga',
        sourceMessage: `${RETENTION_SAGA_ACTOR}:event-9`,
      },
    });
  });

  it('issues nothing for other events', async () => {
    expect(await commandsFor(stored(customerActivated({ customerId: 'C-1' }), 'event-1'))).toEqual([]);
  });
});
