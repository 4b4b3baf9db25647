import { removeDir, tempDataDir } from '../support/http-app.harness';
import { startServiceProcess } from '../support/service-process';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('a service killed with SIGKILL', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir('crash');
  });
  afterAll(() => removeDir(dataDir));

  it('restarts with the identical history, and the chain still verifies', async () => {
    const first = await startServiceProcess({ DATA_DIR: dataDir });
    const post = (path: string, body: unknown) => fetch(`${first.url}${path}`, json(body));
    expect(
      (
        await post('/v1/customers', {
          customerId: 'K-1',
          customerType: 'corporate',
          channel: 'partner',
          assets: { amount: '7000000.00', currency: 'CNY' },
          riskProfile: 'C4',
        })
      ).status,
    ).toBe(201);
    expect((await post('/v1/customers/K-1/activation', { product: 'brokerage-account' })).status).toBe(201);
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('/v1/customers/K-1/transactions', {
          transactionId: `K-T${i}`,
          amount: { amount: '1000.00', currency: 'CNY' },
          productCategory: 'securities',
        }),
      ),
    );
    expect(writes.map((w) => w.status)).toEqual(Array(20).fill(201));
    const before = (await (await fetch(`${first.url}/v1/customers/K-1/history`)).json()) as { events: unknown[] };
    expect(before.events).toHaveLength(22);

    expect(await first.kill('SIGKILL')).toBeNull();

    const second = await startServiceProcess({ DATA_DIR: dataDir });
    try {
      const after = await (await fetch(`${second.url}/v1/customers/K-1/history`)).json();
      expect(after).toEqual(before);
      const verdict = await (await fetch(`${second.url}/v1/customers/K-1/history/verify`)).json();
      expect(verdict).toEqual({ valid: true, events: 22 });
    } finally {
      await second.kill('SIGTERM');
    }
  });
});
