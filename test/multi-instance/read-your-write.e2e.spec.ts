import { describeWithServer } from '../support/integration-server';
import type { ServiceProcess } from '../support/service-process';
import { RapportCluster } from './rapport-cluster';

jest.setTimeout(300_000);

const CUSTOMERS = 20;

describeWithServer('MONGO_URL', 'FerretDB', 'read-your-write across Rapport instances', (mongoUrl) => {
  let cluster: RapportCluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });

  it('a command answered by one instance, then a query with its position on another: the answer shows the command', async () => {
    cluster = await RapportCluster.start({ mongoUrl }, 2, 'ryw');
    const [a, b] = [cluster.instance(0), cluster.instance(1)];
    const seen: unknown[] = [];
    for (let n = 0; n < CUSTOMERS; n++) {
      const customerId = `RYW-${n}`;
      const [writer, reader] = n % 2 ? [b, a] : [a, b];
      const acquired = await command(writer, '/v1/customers', {
        customerId,
        customerType: 'individual',
        channel: 'branch',
        assets: { amount: '250000.00', currency: 'CNY' },
        riskProfile: 'C3',
      });
      seen.push(await summaryAt(reader, customerId, acquired));
      const activated = await command(reader, `/v1/customers/${customerId}/activation`, { product: 'savings' });
      seen.push(await summaryAt(writer, customerId, activated));
    }
    expect(seen).toEqual(
      Array.from({ length: CUSTOMERS }, () => [
        { http: 200, revision: 0, customerStatus: 'acquired' },
        { http: 200, revision: 1, customerStatus: 'active' },
      ]).flat(),
    );
  });
});

/** Sends a command and returns the position its answer names. */
async function command(instance: ServiceProcess, path: string, body: object): Promise<number> {
  const response = await fetch(`${instance.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { position?: number };
  if (response.status !== 201 || answer.position === undefined) throw new Error(`${path} answered ${response.status}`);
  return answer.position;
}

/** What the instance answers for the customer at that position: the HTTP status, the revision, the customer's status. */
async function summaryAt(instance: ServiceProcess, customerId: string, minPosition: number) {
  const response = await fetch(`${instance.url}/v1/customers/${customerId}?minPosition=${minPosition}`);
  const body = (await response.json()) as { revision?: number; status?: string };
  return { http: response.status, revision: body.revision, customerStatus: body.status };
}
