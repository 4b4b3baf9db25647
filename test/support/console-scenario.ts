import { bearer } from './api-keys.fixture';
import { readSideCaughtUp, type ProjectionsView } from './read-side-caught-up';

const DAY = 86_400_000;
export const daysAgo = (days: number, hour = 9): string =>
  new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY + hour * 3_600_000).toISOString();

/** The customers of the scenario the console tests read, in one segment of 25 (a drill-down of two pages). */
export const SEGMENT_SIZE = 25;
export const AUDITED = 'CON-AUDIT';
export const TAMPER_TEXT = 'tamper-target';

async function send(server: string, method: 'POST' | 'PATCH', path: string, body: object): Promise<void> {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: { ...bearer('channel'), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

const acquire = (customerId: string, occurredAt: string, riskProfile = 'C3') => ({
  customerId,
  customerType: 'individual',
  channel: 'branch',
  assets: { amount: '120000.00', currency: 'CNY' },
  riskProfile,
  occurredAt,
});

/**
 * Through the API, with business times in the last weeks (so within the console's default periods):
 * a segment of 25 prospects, and one audited customer with activation, transactions, surveys,
 * complaints (one overdue, one resolved) and personal data; then waits for the read side to rest.
 */
export async function loadConsoleScenario(server: string): Promise<void> {
  for (let i = 0; i < SEGMENT_SIZE; i++)
    await send(server, 'POST', '/v1/customers', acquire(`CON-${String(i).padStart(3, '0')}`, daysAgo(20 - (i % 10)), 'C1'));
  const personal = { name: 'Wang Fang', nationalId: 'ID1100220033', phone: '+86 139 0000 1111', email: 'wang.fang@example.cn' };
  await send(server, 'POST', '/v1/customers', { ...acquire(AUDITED, daysAgo(40)), personal });
  const customer = `/v1/customers/${AUDITED}`;
  await send(server, 'POST', `${customer}/activation`, { product: 'savings-account', occurredAt: daysAgo(39) });
  await send(server, 'POST', `${customer}/transactions`, {
    transactionId: 'T-1',
    amount: { amount: '5000.00', currency: 'CNY' },
    productCategory: TAMPER_TEXT,
    revenue: { amount: '45.00', currency: 'CNY' },
    occurredAt: daysAgo(25),
  });
  await send(server, 'POST', `${customer}/surveys`, {
    surveyId: 'S-1',
    csat: 5,
    nps: 9,
    touchpoint: 'service',
    channel: 'branch',
    occurredAt: daysAgo(12),
  });
  await send(server, 'POST', `${customer}/complaints`, {
    complaintId: 'CMP-1',
    category: 'fees',
    severity: 'high',
    channel: 'branch',
    occurredAt: daysAgo(24),
  });
  await send(server, 'POST', `${customer}/complaints`, {
    complaintId: 'CMP-2',
    category: 'advice',
    severity: 'low',
    channel: 'web',
    occurredAt: daysAgo(10),
  });
  await send(server, 'POST', `${customer}/complaints/CMP-2/resolution`, { resolution: 'explained', occurredAt: daysAgo(8) });
  await send(server, 'POST', `${customer}/surveys`, {
    surveyId: 'S-2',
    csat: 2,
    nps: 3,
    touchpoint: 'complaint',
    channel: 'web',
    occurredAt: daysAgo(5),
  });
  await send(server, 'POST', `${customer}/transactions`, {
    transactionId: 'T-2',
    amount: { amount: '800.00', currency: 'CNY' },
    productCategory: 'cards',
    revenue: { amount: '12.50', currency: 'CNY' },
    occurredAt: daysAgo(2),
  });
  await readSideCaughtUp(
    async () => (await fetch(`${server}/v1/projections`, { headers: bearer('analyst') })).json() as Promise<ProjectionsView>,
  );
}
