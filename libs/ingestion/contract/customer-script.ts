import type { ExpectedFate } from './planned-message';
import type { OutgoingEvent } from './cloud-event-encoding';
import type { SeededRandom } from './planned-message';

export interface ScriptedEvent {
  readonly event: OutgoingEvent;
  readonly expected: Extract<ExpectedFate, 'appended' | 'rejected'>;
  readonly rule?: string;
}

export const SOURCES = [
  '/branch/shanghai',
  '/branch/shenzhen',
  'urn:rapport:mobile-app',
  '/call-centre',
  'urn:core-banking:ledger',
] as const;
const DAY = 86_400_000;
const cny = (amount: string) => ({ amount, currency: 'CNY' });

/**
 * One customer's life as upstream channels report it, with the fate each message must meet.
 * Every accepted command appends exactly one event; rule breaks are placed where state makes them certain.
 */
export function customerScript(customerId: string, random: SeededRandom, startMs: number): ScriptedEvent[] {
  let clock = startMs;
  let counter = 0;
  const next = (type: string, data: Record<string, unknown>): OutgoingEvent => {
    clock += 1 + random.int(DAY);
    return {
      id: `${customerId}-${++counter}`,
      source: random.pick(SOURCES),
      type,
      subject: customerId,
      time: new Date(clock).toISOString(),
      data,
    };
  };
  const ok = (event: OutgoingEvent): ScriptedEvent => ({ event, expected: 'appended' });
  const broken = (event: OutgoingEvent, rule: string): ScriptedEvent => ({ event, expected: 'rejected', rule });

  const script: ScriptedEvent[] = [];
  if (random.chance(0.03)) script.push(broken(next('customer.activated', { product: 'savings-account' }), 'customer-not-found'));
  script.push(ok(next('customer.acquired', acquisition(random))));
  if (random.chance(0.05))
    script.push(broken(next('customer.transaction-recorded', transaction(customerId, 0, random)), 'customer-not-active'));
  script.push(ok(next('customer.activated', { product: random.pick(['savings-account', 'brokerage-account', 'credit-card']) })));
  if (random.chance(0.04)) script.push(broken(next('customer.activated', { product: 'credit-card' }), 'customer-already-active'));
  const transactions = 10 + random.int(20);
  for (let i = 1; i <= transactions; i++) {
    script.push(ok(next('customer.transaction-recorded', transaction(customerId, i, random))));
    if (i % 7 === 0) script.push(...sideEvents(customerId, i, random, next).map(ok));
  }
  if (random.chance(0.05))
    script.push(
      broken(
        next('customer.points-redeemed', { redemptionId: `${customerId}-R-big`, points: 90_000_000, reward: 'yacht' }),
        'insufficient-points',
      ),
    );
  if (random.chance(0.04))
    script.push(
      broken(next('customer.complaint-resolved', { complaintId: `${customerId}-CMP-none`, resolution: 'n/a' }), 'complaint-not-found'),
    );
  return script;
}

function acquisition(random: SeededRandom): Record<string, unknown> {
  const personal = random.chance(0.5) ? { personal: { name: 'Test Person', email: 'person@example.com' } } : {};
  return {
    customerType: random.pick(['individual', 'corporate', 'institutional']),
    channel: random.pick(['branch', 'mobile-app', 'partner']),
    assets: cny(`${10_000 + random.int(9_000_000)}.00`),
    riskProfile: random.pick(['C1', 'C2', 'C3', 'C4', 'C5']),
    ...personal,
  };
}

function transaction(customerId: string, index: number, random: SeededRandom): Record<string, unknown> {
  return {
    transactionId: `${customerId}-T${index}`,
    amount: cny(`${100 + random.int(5_000)}.${String(random.int(100)).padStart(2, '0')}`),
    productCategory: random.pick(['deposits', 'funds', 'insurance', 'securities']),
    revenue: cny(`${1 + random.int(50)}.00`),
  };
}

/** CSAT never falls three times in a row, so no retention alert (a saga's event) joins the stream. */
function sideEvents(
  customerId: string,
  index: number,
  random: SeededRandom,
  next: (type: string, data: Record<string, unknown>) => OutgoingEvent,
): OutgoingEvent[] {
  const complaintId = `${customerId}-CMP${index}`;
  return [
    next('customer.satisfaction-recorded', {
      surveyId: `${customerId}-S${index}`,
      csat: 5,
      nps: 9,
      touchpoint: 'advice',
      channel: 'branch',
    }),
    next('customer.complaint-filed', {
      complaintId,
      category: 'fees',
      severity: random.pick(['low', 'medium', 'high']),
      channel: 'call-centre',
    }),
    next('customer.complaint-resolved', { complaintId, resolution: 'fee refunded' }),
    next('customer.points-redeemed', { redemptionId: `${customerId}-R${index}`, points: 10, reward: 'coffee' }),
  ];
}
