import request from 'supertest';
import { EVENT_STORES, eventStoreChoice, removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const acquire = (customerId: string) => ({
  customerId,
  customerType: 'individual',
  channel: 'web',
  assets: { amount: '100.00', currency: 'CNY' },
  riskProfile: 'C2',
  occurredAt: '2026-03-01T09:00:00Z',
});

describe.each(EVENT_STORES)('GET /v1/signals: the outbound signals without Kafka (%s event store)', (kind) => {
  let dataDir: string;
  let running: RunningApp;
  const churnEvents: { customerId: string; eventId: string; position: number }[] = [];
  const http = () => request(running.server);

  beforeAll(async () => {
    dataDir = tempDataDir('signals');
    running = await startHttpApp(dataDir, { eventStore: eventStoreChoice(kind) });
    for (const customerId of ['G-1', 'G-2']) {
      await http().post('/v1/customers').send(acquire(customerId)).expect(201);
      await http()
        .post(`/v1/customers/${customerId}/activation`)
        .send({ product: 'savings', occurredAt: '2026-03-02T09:00:00Z' })
        .expect(201);
      const churned = await http()
        .post(`/v1/customers/${customerId}/churn`)
        .send({ reason: 'moved to a competitor', occurredAt: '2026-03-05T09:00:00Z' })
        .expect(201);
      const history = await http().get(`/v1/customers/${customerId}/history`).expect(200);
      const churn = (history.body.events as { id: string; type: string; position: number }[]).find((e) => e.type === 'CustomerChurned');
      expect(churn?.position).toBe(churned.body.position);
      churnEvents.push({ customerId, eventId: churn?.id ?? '', position: churned.body.position });
    }
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  const churnSignal = (index: number) => signalOf(churnEvents[index] ?? { customerId: '', eventId: '', position: -1 });
  const signalOf = ({ customerId, eventId, position }: (typeof churnEvents)[number]) => ({
    position,
    signal: {
      specversion: '1.0',
      id: `${eventId}:churned`,
      source: '/rapport/customer-signals',
      type: 'rapport.customer.churned.v1',
      subject: customerId,
      time: '2026-03-05T09:00:00.000Z',
      datacontenttype: 'application/json',
      data: { customerId },
    },
  });

  it('lists the signal of each churn, in position order, without the churn reason, and `next` past the last event read', async () => {
    const response = await http().get('/v1/signals').expect(200);
    expect(response.body).toEqual({ signals: churnEvents.map(signalOf), next: churnEvents[1]?.position });
    expect(JSON.stringify(response.body)).not.toContain('competitor');
  });

  it('pages by `after` and `limit`: each signal once across the pages, then an empty page that keeps `next`', async () => {
    const first = await http().get('/v1/signals?limit=1').expect(200);
    expect(first.body).toEqual({ signals: [churnSignal(0)], next: churnEvents[0]?.position });
    const second = await http().get(`/v1/signals?after=${first.body.next}&limit=1`).expect(200);
    expect(second.body.signals).toEqual([churnSignal(1)]);
    const last = await http().get(`/v1/signals?after=${second.body.next}`).expect(200);
    expect(last.body).toEqual({ signals: [], next: second.body.next });
  });

  it.each([
    ['after=-1', 'after'],
    ['after=abc', 'after'],
    ['after=1.5', 'after'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['cursor=x', 'cursor'],
  ])('refuses %s with 400 naming `%s`', async (query, field) => {
    const response = await http().get(`/v1/signals?${query}`).expect(400);
    expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
  });
});
