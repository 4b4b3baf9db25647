import type { CustomerCommand } from '@rapport/customer-domain';
import type { ScriptedCommand } from '../../../../apps/rapport-cli/src/demo/demo-scenario';

const HOUR = 3_600_000;
const START = Date.parse('2024-01-01T00:00:00.000Z');

/**
 * A customer whose stream holds `events` events: acquired with personal data, activated, then
 * an hour apart mostly transactions, with a survey every tenth and a complaint filed and
 * resolved now and then (each command appends one event).
 */
export function longHistory(customerId: string, events: number): ScriptedCommand[] {
  const at = (index: number) => historyInstant(index).toISOString();
  const acquire: ScriptedCommand = {
    command: {
      type: 'AcquireCustomer',
      customerId,
      occurredAt: at(0),
      data: { customerType: 'individual', channel: 'branch', assets: { amount: '250000.00', currency: 'CNY' }, riskProfile: 'C3' },
    },
    personal: {
      name: `Audit Customer ${customerId}`,
      nationalId: 'AUDIT000001',
      phone: '+86 138 0000 0001',
      email: `${customerId}@example.com`,
    },
  };
  const activate: ScriptedCommand = {
    command: { type: 'ActivateCustomer', customerId, occurredAt: at(1), data: { product: 'savings-account' } },
  };
  const rest = Array.from({ length: Math.max(0, events - 2) }, (_, index) => ({ command: routine(customerId, index + 2, at(index + 2)) }));
  return [acquire, activate, ...rest];
}

/** Business time of the command at `index` of a long history. */
export function historyInstant(index: number): Date {
  return new Date(START + index * HOUR);
}

function routine(customerId: string, index: number, occurredAt: string): CustomerCommand {
  if (index % 10 === 0) {
    return {
      type: 'RecordSatisfaction',
      customerId,
      occurredAt,
      data: { surveyId: `${customerId}-S${index}`, csat: 3 + (index % 3), touchpoint: 'app-login', channel: 'mobile-app' },
    };
  }
  if (index % 97 === 3) {
    return {
      type: 'FileComplaint',
      customerId,
      occurredAt,
      data: { complaintId: `${customerId}-C${index}`, category: 'fees', severity: 'low', channel: 'web' },
    };
  }
  if (index % 97 === 4) {
    return {
      type: 'ResolveComplaint',
      customerId,
      occurredAt,
      data: { complaintId: `${customerId}-C${index - 1}`, resolution: 'refunded' },
    };
  }
  const amount = `${100 + ((index * 37) % 4_900)}.${String(index % 100).padStart(2, '0')}`;
  return {
    type: 'RecordTransaction',
    customerId,
    occurredAt,
    data: {
      transactionId: `${customerId}-T${index}`,
      amount: { amount, currency: 'CNY' },
      productCategory: 'cards',
      revenue: { amount: '1.50', currency: 'CNY' },
    },
  };
}
