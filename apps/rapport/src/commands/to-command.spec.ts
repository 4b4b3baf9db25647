import 'reflect-metadata';
import { ManualClock } from '@rapport/kernel';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '../http/validation';
import { ReactivateCustomerRequest } from './requests/lifecycle.request';
import { ToCommand } from './to-command';

const NOW = '2026-06-01T12:00:00.000Z';
const toCommand = new ToCommand(new ManualClock(new Date(NOW)));

async function businessTime(body: Record<string, unknown>) {
  const request = plainToInstance(ReactivateCustomerRequest, body);
  const errors = flattenValidationErrors(await validate(request, VALIDATION_OPTIONS));
  return errors.length > 0 ? errors : toCommand.reactivate('c-1', request).occurredAt;
}

describe('business time at the HTTP and Kafka edge: validated and mapped by the one kernel parse', () => {
  it.each([
    ['2026-01-15T09:30:00Z', '2026-01-15T09:30:00.000Z'],
    ['2026-01-15T17:30:00.5+08:00', '2026-01-15T09:30:00.500Z'],
    ['2026-01-15t09:30:00.123456z', '2026-01-15T09:30:00.123Z'],
    ['2026-01-01T01:00-05:00', '2026-01-01T06:00:00.000Z'],
  ])('%s is stored as the instant %s', async (occurredAt, instant) => {
    expect(await businessTime({ occurredAt })).toBe(instant);
  });

  it('is the clock reading when left out', async () => {
    expect(await businessTime({})).toBe(NOW);
  });

  it('refuses null, which the API document does not allow for an optional field', async () => {
    expect(await businessTime({ occurredAt: null })).toEqual([{ field: 'occurredAt', message: 'occurredAt must not be null' }]);
  });

  it('refuses a number with one message: the type comes first', async () => {
    expect(await businessTime({ occurredAt: 42 })).toEqual([{ field: 'occurredAt', message: 'occurredAt must be a string' }]);
  });

  it.each(['2026-02-30T00:00:00Z', '2026-01-15T24:00:00Z', '2026-01-15T09:30:00', '2026-01-15', 'yesterday'])(
    '%j is refused with a field error',
    async (occurredAt) => {
      expect(await businessTime({ occurredAt })).toEqual([
        { field: 'occurredAt', message: 'occurredAt must be an ISO 8601 instant with a time zone, e.g. 2026-01-15T09:30:00Z' },
      ]);
    },
  );
});
