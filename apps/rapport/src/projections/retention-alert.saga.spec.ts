import type { ICommand } from '@nestjs/cqrs';
import { customerActivated, satisfactionRecorded } from '@rapport/testing';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { RETENTION_SAGA_ACTOR, RetentionAlertSaga } from './retention-alert.saga';
import type { StoredCustomerEvent } from './stored-customer-event';
import { commandsOf, stored } from '../../../../test/support/saga-harness';

const commandsFor = (...events: StoredCustomerEvent[]): Promise<ICommand[]> => commandsOf(new RetentionAlertSaga().retentionAlerts, events);

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
