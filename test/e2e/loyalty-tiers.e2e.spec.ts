import { ManualClock } from '@rapport/kernel';
import request from 'supertest';
import { LoyaltyTierSweep } from '../../apps/rapport/src/sweeps/loyalty-tier.sweep';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const cny = (amount: string) => ({ amount, currency: 'CNY' });
const acquire = (customerId: string) => ({
  customerId,
  customerType: 'individual',
  channel: 'web',
  assets: cny('100.00'),
  riskProfile: 'C2',
});

describe('GET /v1/loyalty/tiers: customers per tier over every account', () => {
  let dataDir: string;
  let running: RunningApp;
  let position = 0;
  const clock = new ManualClock(new Date());
  const http = () => request(running.server);

  beforeAll(async () => {
    dataDir = tempDataDir('loyalty-tiers');
    running = await startHttpApp(dataDir, { clock });
    // By hand (design.md §2): activation earns 200 points (Bronze); 100,000.00 CNY at Bronze earns
    // floor(100,000 / 100) × 1.0 = 1,000 points, 1,200 in all: Silver (≥ 1,000).
    for (const id of ['T-1', 'T-2', 'T-3']) {
      await http().post('/v1/customers').send(acquire(id)).expect(201);
      await http().post(`/v1/customers/${id}/activation`).send({ product: 'savings' }).expect(201);
    }
    const earned = await http()
      .post('/v1/customers/T-3/transactions')
      .send({ transactionId: 'tx-1', amount: cny('100000.00'), productCategory: 'deposit' })
      .expect(201);
    position = earned.body.position;
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('answers the hand count, every tier listed', async () => {
    const response = await http().get(`/v1/loyalty/tiers?minPosition=${position}`).expect(200);
    expect(response.body).toEqual([
      { tier: 'Bronze', customers: 2 },
      { tier: 'Silver', customers: 1 },
      { tier: 'Gold', customers: 0 },
      { tier: 'Platinum', customers: 0 },
    ]);
  });

  it('the time sweep lowers a tier when its trailing window lapses, once, and the read models follow', async () => {
    const sweep = running.app.get(LoyaltyTierSweep);
    await http().get(`/v1/loyalty/tiers?minPosition=${position}`).expect(200);
    // The sweep runs at the service's own instant: a business time ahead of its clock is refused (clock skew).
    clock.advance(396 * 86_400_000);
    const inThirteenMonths = clock.now().toISOString();
    expect(await sweep.sweep(inThirteenMonths)).toEqual({ commands: 1, appended: 1 });
    const events = (await http().get('/v1/customers/T-3/history').expect(200)).body.events as {
      type: string;
      data: object;
      position: number;
    }[];
    const change = events.at(-1);
    expect(change).toMatchObject({ type: 'LoyaltyTierChanged', data: { from: 'Silver', to: 'Bronze', cause: 'window-lapsed' } });
    const after = `minPosition=${change?.position ?? 0}`;
    expect((await http().get(`/v1/loyalty/T-3?${after}`).expect(200)).body).toMatchObject({ tier: 'Bronze' });
    expect((await http().get(`/v1/customers/T-3?${after}`).expect(200)).body).toMatchObject({ loyalty: { tier: 'Bronze' } });
    expect((await http().get(`/v1/loyalty/tiers?${after}`).expect(200)).body).toEqual([
      { tier: 'Bronze', customers: 3 },
      { tier: 'Silver', customers: 0 },
      { tier: 'Gold', customers: 0 },
      { tier: 'Platinum', customers: 0 },
    ]);
    expect(await sweep.sweep(inThirteenMonths)).toEqual({ commands: 0, appended: 0 });
  });

  it('refuses an unknown parameter with 400', async () => {
    const response = await http().get('/v1/loyalty/tiers?limit=5').expect(400);
    expect(response.body.errors).toEqual([{ field: 'limit', message: expect.any(String) }]);
  });
});
