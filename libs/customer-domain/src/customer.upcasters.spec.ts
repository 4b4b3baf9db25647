import { activeCustomerHistory, at, cny, transactionRecorded } from '@rapport/testing';
import { createCustomerDecider } from './customer.decider';
import { EVENT_SCHEMA_VERSIONS, type CustomerEvent } from './customer.events';
import type { CustomerState } from './customer.state';
import { CUSTOMER_UPCASTERS } from './customer.upcasters';

const decider = createCustomerDecider();

function upcastFromVersion1(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const upcaster = CUSTOMER_UPCASTERS.find((candidate) => candidate.type === type && candidate.fromVersion === 1);
  if (upcaster === undefined) throw new Error(`no upcaster for ${type} at version 1`);
  return upcaster.upcast(data);
}

/** The event as version 1 stored it: no tier on activation, no tier window on either. */
function asVersion1(event: CustomerEvent): Record<string, unknown> {
  const { tierWindowStartDay: _window, ...data } = event.data as Record<string, unknown>;
  if (event.type !== 'CustomerActivated') return data;
  const { tierAfter: _tier, ...activation } = data;
  return activation;
}

describe('customer events stored at schema version 1', () => {
  it('an activation gets the tier its bonus reached and the 12-month window of its day', () => {
    const data = { customerId: 'c-1', occurredAt: '2026-03-31T23:30:00.000Z', product: 'savings-account', pointsEarned: 200 };
    expect(upcastFromVersion1('CustomerActivated', data)).toEqual({ ...data, tierAfter: 'Bronze', tierWindowStartDay: '2025-04-01' });
  });

  it.each([
    [999, 'Bronze'],
    [1000, 'Silver'],
    [5000, 'Gold'],
    [20000, 'Platinum'],
  ])('an activation bonus of %i points held %s, by the thresholds of the time', (pointsEarned, tier) => {
    expect(upcastFromVersion1('CustomerActivated', { occurredAt: '2026-01-05T09:00:00.000Z', pointsEarned })).toMatchObject({
      tierAfter: tier,
    });
  });

  it('a transaction keeps its recorded tier and gets the window of its day, month ends clamped', () => {
    const data = { customerId: 'c-1', occurredAt: '2024-02-29T12:00:00.000Z', transactionId: 't-1', pointsEarned: 10, tierAfter: 'Gold' };
    expect(upcastFromVersion1('TransactionRecorded', data)).toEqual({ ...data, tierWindowStartDay: '2023-03-01' });
  });

  it('an occurredAt that is no instant prunes nothing rather than failing the read', () => {
    expect(upcastFromVersion1('TransactionRecorded', { occurredAt: 'yesterday', pointsEarned: 1 })).toMatchObject({
      tierWindowStartDay: '',
    });
  });

  it('folds to the state the current shape folds to, for a history the default policy decided', () => {
    const history: CustomerEvent[] = [
      ...activeCustomerHistory(),
      transactionRecorded({
        transactionId: 't-1',
        occurredAt: at({ days: 3 }),
        amount: cny('90000.00'),
        pointsEarned: 900,
        tierAfter: 'Silver',
      }),
      transactionRecorded({
        transactionId: 't-2',
        occurredAt: at({ months: 14 }),
        amount: cny('1000.00'),
        pointsEarned: 10,
        tierAfter: 'Bronze',
      }),
    ];
    const upcast = history.map((event) => {
      const isVersion2 = event.type === 'CustomerActivated' || event.type === 'TransactionRecorded';
      return isVersion2 ? ({ type: event.type, data: upcastFromVersion1(event.type, asVersion1(event)) } as CustomerEvent) : event;
    });
    const fold = (events: readonly CustomerEvent[]) => events.reduce<CustomerState>(decider.evolve, decider.initialState);
    expect(fold(upcast)).toEqual(fold(history));
    expect(fold(upcast)).toMatchObject({ loyalty: { tier: 'Bronze', recentEarnings: { days: ['2027-03-05'], points: [10] } } });
  });

  it('exist for each version below the current one of every event type, and for no other', () => {
    const expected = Object.entries(EVENT_SCHEMA_VERSIONS).flatMap(([type, current]) =>
      Array.from({ length: current - 1 }, (_, index) => `${type}@${index + 1}`),
    );
    expect(CUSTOMER_UPCASTERS.map(({ type, fromVersion }) => `${type}@${fromVersion}`).sort()).toEqual(expected.sort());
  });
});
