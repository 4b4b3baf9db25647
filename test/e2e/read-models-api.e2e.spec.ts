import request from 'supertest';
import { CHECKPOINTS, PROJECTION_NAMES, type ReadModelStore } from '@rapport/read-models';
import { ProjectorHost } from '../../apps/rapport/src/projections/projector-host';
import { READ_MODEL_STORE } from '../../apps/rapport/src/wiring/tokens';
import { EVENT_STORES, eventStoreChoice, removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const acquisition = (customerId: string) => ({
  customerId,
  customerType: 'individual',
  channel: 'branch',
  assets: { amount: '120000.00', currency: 'CNY' },
  riskProfile: 'C3',
});
const answer = (surveyId: string, csat: number) => ({ surveyId, csat, touchpoint: 'service', channel: 'app' });

async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (isDone(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in 5 s');
}

describe.each(EVENT_STORES)('the read-model API, events in %s', (kind) => {
  let dataDir: string;
  let running: RunningApp;
  const eventStore = eventStoreChoice(kind);
  const http = () => request(running.server);
  beforeAll(async () => {
    dataDir = tempDataDir('read-models-api');
    running = await startHttpApp(dataDir, { eventStore });
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  describe('query validation (400 problem with the field named)', () => {
    it.each([
      ['/v1/satisfaction/trends?granularity=year', 'granularity'],
      ['/v1/satisfaction/trends?by=region', 'by'],
      ['/v1/satisfaction/trends?from=2026-02-30', 'from'],
      ['/v1/satisfaction/trends?from=20260101', 'from'],
      ['/v1/satisfaction/trends?from=2026-03-01&to=2026-02-01', 'to'],
      ['/v1/kpis?to=2026-1-5', 'to'],
      ['/v1/satisfaction/trends?granularity=day&granularity=week', 'granularity'],
      ['/v1/complaints?status=closed', 'status'],
      ['/v1/complaints?status[$ne]=x', 'status[$ne]'],
      ['/v1/complaints?cursor=not%20a%20cursor', 'cursor'],
      ['/v1/loyalty/leaderboard?limit=0', 'limit'],
      ['/v1/loyalty/leaderboard?limit=101', 'limit'],
      ['/v1/segments?minPosition=-1', 'minPosition'],
      ['/v1/segments?unknown=1', 'unknown'],
      ['/v1/segments/not-a-segment/customers', 'segment'],
      ['/v1/customers/bad%20id', 'customerId'],
    ])('%s', async (path, field) => {
      const response = await http().get(path).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((response.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });
  });

  it('any real calendar day is a valid period bound, early years included (the document says format date)', async () => {
    await http().get('/v1/satisfaction/trends?from=0084-12-07&to=0084-12-31').expect(200);
    await http().get('/v1/kpis?from=0001-01-01&to=9999-12-31').expect(200);
  });

  describe('read-your-write', () => {
    it('a query with the position a command answered reflects that command at once', async () => {
      await http().post('/v1/customers').send(acquisition('RY-1')).expect(201);
      const activated = await http().post('/v1/customers/RY-1/activation').send({ product: 'savings' }).expect(201);
      const response = await http().get(`/v1/loyalty/RY-1?minPosition=${activated.body.position}`).expect(200);
      expect(response.body.balance).toBe(200);
      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(activated.body.position);
    });

    it('a position the event store has not reached was never answered by a command: 400 naming minPosition', async () => {
      const response = await http().get('/v1/customers/RY-1?minPosition=999999999').expect(400);
      expect((response.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['minPosition']);
    });

    it('a recorded position the read model cannot reach in time gets a 503 problem saying how far it is', async () => {
      const stalledDir = tempDataDir('read-models-api-stalled');
      const stalled = await startHttpApp(stalledDir, { eventStore });
      try {
        await stalled.app.get(ProjectorHost).beforeApplicationShutdown();
        const acquired = await request(stalled.server).post('/v1/customers').send(acquisition('RY-2')).expect(201);
        const response = await request(stalled.server).get(`/v1/customers/RY-2?minPosition=${acquired.body.position}`).expect(503);
        expect(response.headers['retry-after']).toBe('1');
        expect(response.body).toMatchObject({ status: 503, minPosition: acquired.body.position });
        expect(response.body.position).toBeLessThan(acquired.body.position);
      } finally {
        await stalled.close();
        removeDir(stalledDir);
      }
    });
  });

  describe('the retention-alert saga', () => {
    const alerts = async (id: string) =>
      (await http().get(`/v1/customers/${id}/history`).expect(200)).body.events as {
        id: string;
        type: string;
        metadata: { causationId: string };
      }[];
    it('raises one alert for three strictly falling answers, caused by the third, and none for a flat run', async () => {
      for (const id of ['RS-1', 'RS-2']) await http().post('/v1/customers').send(acquisition(id)).expect(201);
      for (const [surveyId, csat] of [
        ['a', 5],
        ['b', 4],
        ['c', 2],
      ] as const)
        await http().post('/v1/customers/RS-1/surveys').send(answer(surveyId, csat)).expect(201);
      for (const [surveyId, csat] of [
        ['a', 5],
        ['b', 4],
        ['c', 4],
      ] as const)
        await http().post('/v1/customers/RS-2/surveys').send(answer(surveyId, csat)).expect(201);
      const events = await eventually(
        () => alerts('RS-1'),
        (list) => list.some((e) => e.type === 'RetentionAlertRaised'),
      );
      const third = events.filter((e) => e.type === 'SatisfactionRecorded')[2];
      expect(events.filter((e) => e.type === 'RetentionAlertRaised').map((e) => e.metadata.causationId)).toEqual([third?.id]);
      const head = (await http().get('/v1/projections').expect(200)).body.head as number;
      await eventually(
        async () =>
          (await http().get('/v1/projections').expect(200)).body.projections.find((p: { name: string }) => p.name === 'event-bus')
            .position as number,
        (p) => p >= head,
      );
      expect((await alerts('RS-2')).map((e) => e.type)).not.toContain('RetentionAlertRaised');
    });

    it('replaying every stored event to the sagas (a lost checkpoint) raises no second alert', async () => {
      const store = running.app.get<ReadModelStore>(READ_MODEL_STORE);
      await store.write([{ collection: CHECKPOINTS, writes: [{ kind: 'delete', id: 'event-bus' }] }]);
      await running.close();
      running = await startHttpApp(dataDir, { eventStore });
      const head = (await http().get('/v1/projections').expect(200)).body.head as number;
      await eventually(
        async () =>
          (await http().get('/v1/projections').expect(200)).body.projections.find((p: { name: string }) => p.name === 'event-bus')
            .position as number,
        (p) => p >= head,
      );
      expect((await alerts('RS-1')).filter((e) => e.type === 'RetentionAlertRaised')).toHaveLength(1);
    });
  });

  describe('operations', () => {
    it('GET /v1/projections gives each projection its position and lag; /metrics has the lag per projection', async () => {
      const body = (await http().get('/v1/projections').expect(200)).body as {
        head: number;
        projections: { name: string; position: number; lag: number }[];
      };
      expect(body.projections.map((p) => p.name)).toEqual([...PROJECTION_NAMES, 'event-bus']);
      for (const projection of body.projections) expect(projection.lag).toBe(body.head - projection.position);
      const metrics = await eventually(
        async () => (await http().get('/metrics').expect(200)).text,
        (text) => text.includes('rapport_projection_lag{projection="kpis"}'),
      );
      expect(metrics).toContain('# TYPE rapport_projection_lag gauge');
    });
  });
});
