import type { CustomerCommand } from '../customer.commands';
import { occurredAfterClockSkew } from './clock-skew.policy';

const now = new Date('2026-03-01T12:00:00.000Z');
const activationAt = (occurredAt: string): CustomerCommand => ({
  type: 'ActivateCustomer',
  customerId: 'C-1',
  occurredAt,
  data: { product: 'card' },
});

describe('the clock-skew bound on business time', () => {
  it('accepts a business time up to the allowed skew ahead of the clock', () => {
    expect(occurredAfterClockSkew(activationAt('2026-03-01T12:05:00.000Z'), now, 300_000)).toBeNull();
    expect(occurredAfterClockSkew(activationAt('2026-02-01T00:00:00.000Z'), now, 300_000)).toBeNull();
  });

  it('refuses one further ahead, naming occurredAt and the latest instant accepted', () => {
    expect(occurredAfterClockSkew(activationAt('2026-03-01T12:05:00.001Z'), now, 300_000)).toEqual({
      kind: 'domain-error',
      code: 'occurred-in-the-future',
      message: expect.stringContaining('occurredAt 2026-03-01T12:05:00.001Z'),
      details: { field: 'occurredAt', latestAccepted: '2026-03-01T12:05:00.000Z' },
    });
  });
});
