import { removeDir, tempDataDir } from '../support/http-app.harness';
import { startServiceProcess } from '../support/service-process';

const personal = { name: 'Wang Fang Logcheck', nationalId: 'LOGS42424242', phone: '+86 135 4242 4242', email: 'wang.logcheck@example.cn' };
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the service logs', () => {
  it('carry none of the personal data sent in, through commands, reads, errors and erasure', async () => {
    const dataDir = tempDataDir('logs');
    const service = await startServiceProcess({ DATA_DIR: dataDir });
    try {
      const acquire = {
        customerId: 'L-1',
        customerType: 'individual',
        channel: 'web',
        assets: { amount: '10.00', currency: 'CNY' },
        riskProfile: 'C1',
        personal,
      };
      expect((await post(`${service.url}/v1/customers`, acquire)).status).toBe(201);
      expect((await post(`${service.url}/v1/customers`, acquire)).status).toBe(409);
      expect(
        (await post(`${service.url}/v1/customers`, { ...acquire, customerId: 'L-2', personal: { ...personal, email: personal.name } }))
          .status,
      ).toBe(400);
      expect((await post(`${service.url}/v1/customers`, { ...acquire, customerId: `${personal.name}` })).status).toBe(400);
      expect((await fetch(`${service.url}/v1/customers/L-1/history`)).status).toBe(200);
      expect((await post(`${service.url}/v1/customers/L-1/erasure`, {})).status).toBe(201);
    } finally {
      await service.kill('SIGTERM');
      removeDir(dataDir);
    }
    const output = service.output();
    expect(output).toContain('Rapport listening on');
    for (const value of Object.values(personal)) expect({ value, logged: output.includes(value) }).toEqual({ value, logged: false });
  });
});
