import 'reflect-metadata';
import type { CloudEvent } from '@rapport/ingestion';
import { ManualClock } from '@rapport/kernel';
import { ToCommand } from '../commands/to-command';
import { commandFromCloudEvent } from './command-from-cloud-event';
import { INGESTION_TYPES, type IngestionType } from './ingestion-types';

const mapper = new ToCommand(new ManualClock(new Date('2030-01-01T00:00:00Z')));
const cny = (amount: string) => ({ amount, currency: 'CNY' });

function cloudEvent(type: string, data: Record<string, unknown>, change: Partial<CloudEvent> = {}): CloudEvent {
  return {
    specversion: '1.0',
    id: 'm-1',
    source: '/branch/shanghai',
    type,
    subject: 'C-1',
    time: '2026-01-15T09:30:00+08:00',
    data,
    extensions: {},
    ...change,
  };
}

/** A valid `data` for every published type, and the command it must become. */
const EXAMPLES: Record<IngestionType, { data: Record<string, unknown>; command: string }> = {
  'customer.acquired': {
    data: { customerType: 'individual', channel: 'branch', assets: cny('80000.00'), riskProfile: 'C3', personal: { name: 'A Person' } },
    command: 'AcquireCustomer',
  },
  'customer.activated': { data: { product: 'savings-account' }, command: 'ActivateCustomer' },
  'customer.profile-updated': { data: { riskProfile: 'C4' }, command: 'UpdateCustomerProfile' },
  'customer.transaction-recorded': {
    data: { transactionId: 'T-1', amount: cny('100.00'), productCategory: 'funds' },
    command: 'RecordTransaction',
  },
  'customer.complaint-filed': {
    data: { complaintId: 'CMP-1', category: 'fees', severity: 'high', channel: 'call-centre' },
    command: 'FileComplaint',
  },
  'customer.complaint-escalated': { data: { complaintId: 'CMP-1', reason: 'no answer' }, command: 'EscalateComplaint' },
  'customer.complaint-resolved': { data: { complaintId: 'CMP-1', resolution: 'refunded' }, command: 'ResolveComplaint' },
  'customer.satisfaction-recorded': {
    data: { surveyId: 'S-1', csat: 4, nps: 9, touchpoint: 'advice', channel: 'branch' },
    command: 'RecordSatisfaction',
  },
  'customer.points-redeemed': { data: { redemptionId: 'R-1', points: 100, reward: 'lounge' }, command: 'RedeemPoints' },
  'customer.churned': { data: { reason: 'moved away' }, command: 'ChurnCustomer' },
  'customer.reactivated': { data: {}, command: 'ReactivateCustomer' },
};

describe('the ingestion type map', () => {
  it('has an example for every published type, and no example for an unpublished one', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(INGESTION_TYPES).sort());
  });

  it.each(Object.entries(EXAMPLES))('maps %s to its command for the subject, at the event time', async (type, example) => {
    const mapped = await commandFromCloudEvent(cloudEvent(type, example.data), mapper);
    expect(mapped).toEqual(
      expect.objectContaining({
        kind: 'command',
        command: expect.objectContaining({ type: example.command, customerId: 'C-1', occurredAt: '2026-01-15T01:30:00.000Z' }),
      }),
    );
  });

  it('refuses an unknown type, naming the field', async () => {
    const mapped = await commandFromCloudEvent(cloudEvent('customer.teleported', {}), mapper);
    expect(mapped).toEqual({
      kind: 'invalid',
      errors: [{ field: 'type', message: expect.stringContaining('unknown type customer.teleported') }],
    });
  });

  it('runs the HTTP DTO rules on data and names fields under data.', async () => {
    const mapped = await commandFromCloudEvent(
      cloudEvent('customer.transaction-recorded', { transactionId: 'T-1', amount: cny('1.234'), productCategory: 'funds', nickname: 'x' }),
      mapper,
    );
    expect(mapped.kind === 'invalid' ? mapped.errors.map((error) => error.field).sort() : []).toEqual([
      'data.amount.amount',
      'data.nickname',
    ]);
  });

  it('needs the complaint id in the data, where HTTP has it in the path', async () => {
    const mapped = await commandFromCloudEvent(cloudEvent('customer.complaint-resolved', { resolution: 'refunded' }), mapper);
    expect(mapped.kind === 'invalid' ? [...new Set(mapped.errors.map((error) => error.field))] : []).toEqual(['data.complaintId']);
  });

  it('refuses a customer id in data that differs from the subject', async () => {
    const data = { ...EXAMPLES['customer.acquired'].data, customerId: 'C-2' };
    expect(await commandFromCloudEvent(cloudEvent('customer.acquired', data), mapper)).toEqual({
      kind: 'invalid',
      errors: [{ field: 'data.customerId', message: 'customerId must equal the event subject' }],
    });
  });

  it('keeps personal data out of the command, for the handler to seal', async () => {
    const mapped = await commandFromCloudEvent(cloudEvent('customer.acquired', EXAMPLES['customer.acquired'].data), mapper);
    expect(mapped).toEqual(expect.objectContaining({ personal: { name: 'A Person' } }));
  });

  it('prefers data.occurredAt over the event time', async () => {
    const mapped = await commandFromCloudEvent(
      cloudEvent('customer.activated', { product: 'card', occurredAt: '2026-01-10T00:00:00Z' }),
      mapper,
    );
    expect(mapped).toEqual(expect.objectContaining({ command: expect.objectContaining({ occurredAt: '2026-01-10T00:00:00.000Z' }) }));
  });
});
