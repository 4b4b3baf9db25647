import type { ICommand } from '@nestjs/cqrs';
import {
  complaintFiled,
  complaintResolved,
  customerActivated,
  customerChurned,
  customerProfileUpdated,
  pointsRedeemed,
  satisfactionRecorded,
  transactionRecorded,
} from '@rapport/testing';
import { CHURN_RISK_SAGA_ACTOR, ChurnRiskSaga } from './churn-risk.saga';
import type { StoredCustomerEvent } from './stored-customer-event';
import { commandsOf, stored } from '../../../../test/support/saga-harness';

const commandsFor = (...events: StoredCustomerEvent[]): Promise<ICommand[]> => commandsOf(new ChurnRiskSaga().assessments, events);

describe('the churn-risk saga', () => {
  it('asks for an assessment as of the business time of each event that changes a signal, caused by it', async () => {
    const transaction = transactionRecorded({ customerId: 'C-1', occurredAt: '2026-03-01T00:00:00.000Z' });
    const [command, ...rest] = await commandsFor(stored(transaction, 'event-7'));
    expect(rest).toEqual([]);
    expect(command).toMatchObject({
      command: { type: 'AssessChurnRisk', customerId: 'C-1', occurredAt: '2026-03-01T00:00:00.000Z', data: {} },
      context: {
        correlationId: 'corr-1',
        causationId: 'event-7',
        actor: CHURN_RISK_SAGA_ACTOR,
        channel: 'saga',
        sourceMessage: `${CHURN_RISK_SAGA_ACTOR}:event-7`,
      },
    });
  });

  it('reacts to transactions, answers, complaints and profile updates, and to nothing else', async () => {
    const commands = await commandsFor(
      stored(transactionRecorded(), 'e1'),
      stored(satisfactionRecorded(), 'e2'),
      stored(complaintFiled(), 'e3'),
      stored(complaintResolved(), 'e4'),
      stored(customerProfileUpdated(), 'e5'),
      stored(customerActivated(), 'e6'),
      stored(pointsRedeemed(), 'e7'),
      stored(customerChurned(), 'e8'),
    );
    expect(commands.map((command) => (command as { context: { causationId: string } }).context.causationId)).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
  });
});
