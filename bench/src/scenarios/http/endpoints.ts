import type { Endpoint } from './load';

/**
 * What the HTTP scenario calls. The command is the most frequent one of the workload (a
 * transaction, each with a new id, for a random active customer). The queries are the audit
 * endpoints and, when this build serves them, the read-model endpoints of api.md.
 */
export function commandEndpoint(customers: readonly string[]): Endpoint {
  let sequence = 0;
  return {
    name: 'POST transactions',
    kind: 'command',
    method: 'POST',
    next: () => {
      sequence++;
      const body = {
        transactionId: `http-bench-${process.pid}-${sequence}`,
        amount: { amount: `${100 + (sequence % 900)}.00`, currency: 'CNY' },
        productCategory: 'cards',
        revenue: { amount: '1.20', currency: 'CNY' },
      };
      return { path: `/v1/customers/${pick(customers, sequence)}/transactions`, body: JSON.stringify(body) };
    },
  };
}

export function auditEndpoints(customers: readonly string[]): Endpoint[] {
  const query = (name: string, path: (customerId: string) => string): Endpoint => {
    let sequence = 0;
    return { name, kind: 'query', method: 'GET', next: () => ({ path: path(pick(customers, ++sequence)) }) };
  };
  const asOf = encodeURIComponent(new Date().toISOString());
  return [
    query('GET history', (id) => `/v1/customers/${id}/history`),
    query('GET state', (id) => `/v1/customers/${id}/state?asOf=${asOf}`),
    query('GET verify', (id) => `/v1/customers/${id}/history/verify`),
  ];
}

/** Read-model queries of api.md; each is kept only if the running service answers it with a 2xx. */
export function readModelCandidates(customers: readonly string[]): Endpoint[] {
  const query = (name: string, path: (customerId: string) => string): Endpoint => {
    let sequence = 0;
    return { name, kind: 'query', method: 'GET', next: () => ({ path: path(pick(customers, ++sequence)) }) };
  };
  return [
    query('GET customer summary', (id) => `/v1/customers/${id}`),
    query('GET loyalty', (id) => `/v1/loyalty/${id}`),
    query('GET segments', () => '/v1/segments'),
    query('GET kpis', () => '/v1/kpis?from=2026-05-01&to=2026-10-31'),
  ];
}

export async function isServed(baseUrl: string, token: string, endpoint: Endpoint): Promise<boolean> {
  const response = await fetch(`${baseUrl}${endpoint.next().path}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.ok;
}

/** Spreads requests over the customers with a multiplicative hash rather than in order. */
function pick(customers: readonly string[], sequence: number): string {
  return customers[(sequence * 2_654_435_761) % customers.length] ?? '';
}
