import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import {
  CHECKPOINTS,
  EmbeddedReadModelStore,
  MongoReadModelStore,
  SEGMENT_MEMBERS,
  type Checkpoint,
  type ReadDocument,
  type ReadModelStore,
} from '@rapport/read-models';
import { describeWithServer } from '../support/integration-server';
import { removeDir, startHttpApp, tempDataDir, type HttpAppOptions, type RunningApp } from '../support/http-app.harness';
import { readSideCaughtUp, type ProjectionsView } from '../support/read-side-caught-up';
import { segmentsOfShape } from '../support/segments-of-shape';

jest.setTimeout(180_000);

interface ReadModels {
  readonly options: HttpAppOptions;
  open(): Promise<ReadModelStore & { close(): Promise<void> }>;
}

function caughtUp(running: RunningApp): Promise<number> {
  return readSideCaughtUp(async () => (await request(running.server).get('/v1/projections').expect(200)).body as ProjectionsView, 60_000);
}

/** Customers whose values to date (revenue less acquisition cost) lie far apart: the value contribution reads `valueToDateMinor`. */
async function drive(running: RunningApp): Promise<void> {
  const post = (path: string, body: object) => request(running.server).post(path).send(body).expect(201);
  for (let n = 0; n < 6; n++) {
    const id = `UP-${n}`;
    await post('/v1/customers', {
      customerId: id,
      customerType: 'individual',
      channel: 'branch',
      assets: { amount: '120000.00', currency: 'CNY' },
      riskProfile: 'C3',
      acquisitionCost: { amount: '100.00', currency: 'CNY' },
      occurredAt: '2026-01-05T08:00:00Z',
    });
    await post(`/v1/customers/${id}/activation`, { product: 'savings', occurredAt: '2026-01-06T08:00:00Z' });
    await post(`/v1/customers/${id}/transactions`, {
      transactionId: `${id}-t`,
      amount: { amount: '5000.00', currency: 'CNY' },
      productCategory: 'cards',
      revenue: { amount: `${10 ** n}.00`, currency: 'CNY' },
      occurredAt: '2026-02-10T08:00:00Z',
    });
  }
}

/** What analysts read of the segments: the counts with their value contribution, and each segment's members. */
async function segmentAnswers(running: RunningApp): Promise<unknown[]> {
  const segments = (await request(running.server).get('/v1/segments').expect(200)).body as { segment: string }[];
  const members: unknown[] = [];
  for (const { segment } of segments)
    members.push((await request(running.server).get(`/v1/segments/${segment}/customers`).expect(200)).body);
  return [segments, members];
}

/** Segments are judged as of now: both versions answer as of the same instant. */
const clock = { now: () => new Date('2026-03-01T00:00:00.000Z') };

function upgradeScenario(readModels: (dataDir: string) => ReadModels): void {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDataDir('read-models-upgrade');
  });
  afterEach(() => removeDir(dataDir));

  it('segment documents of the shape before valueToDateMinor are rebuilt at start: the service answers as before, no manual step', async () => {
    const { options, open } = readModels(dataDir);
    // Given a store that the previous version left, with old-shape segment documents at the head.
    const before = await startHttpApp(dataDir, { ...options, clock });
    await drive(before);
    const head = await caughtUp(before);
    const expected = await segmentAnswers(before);
    await before.close();
    const store = await open();
    await segmentsOfShape(store, undefined);
    const members = (await store.find<ReadDocument>(SEGMENT_MEMBERS, { limit: 1000 })).documents;
    expect(members).toHaveLength(6);
    expect(members.filter((member) => 'valueToDateMinor' in member)).toEqual([]);
    const kpisGeneration = (await store.get<Checkpoint>(CHECKPOINTS, 'kpis'))?.generation;
    await store.close();

    // When the new version starts on it...
    const after = await startHttpApp(dataDir, { ...options, clock });
    try {
      // ...then its read side reaches the head (an outdated projection counts as at position 0 until rebuilt) and answers as before.
      expect(await caughtUp(after)).toBe(head);
      expect(await segmentAnswers(after)).toEqual(expected);
    } finally {
      await after.close();
    }
    const upgraded = await open();
    try {
      expect(await upgraded.get<Checkpoint>(CHECKPOINTS, 'segments')).toMatchObject({ position: head, shapeVersion: 2 });
      const rebuilt = (await upgraded.find<ReadDocument>(SEGMENT_MEMBERS, { limit: 1000 })).documents;
      expect(rebuilt.filter((member) => 'valueToDateMinor' in member)).toHaveLength(6);
      // Only the outdated projection was rebuilt.
      expect((await upgraded.get<Checkpoint>(CHECKPOINTS, 'kpis'))?.generation).toBe(kpisGeneration);
    } finally {
      await upgraded.close();
    }
  });
}

describe('upgrading the read models on the embedded store', () => {
  upgradeScenario((dataDir) => ({ options: {}, open: async () => EmbeddedReadModelStore.open(join(dataDir, 'read-models.sqlite')) }));
});

describeWithServer('MONGO_URL', 'FerretDB', 'upgrading the read models on MongoDB', (url) => {
  upgradeScenario(() => {
    const database = `rapport_upgrade_${randomBytes(4).toString('hex')}`;
    return {
      options: { mongoUrl: `${url.replace(/\/?$/, '/')}${database}` },
      open: () => MongoReadModelStore.connect(url, { database }),
    };
  });
});
