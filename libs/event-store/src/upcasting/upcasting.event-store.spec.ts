import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '../adapters/in-memory/in-memory.event-store';
import { SqliteEventStore } from '../adapters/sqlite/sqlite.event-store';
import { eventStoreContract } from '../contract/event-store.contract';
import { aRunId, anEvent, collect } from '../contract/event-store.fixtures';
import type { EventStore, EventToAppend, RecordedEventData } from '../event-store.port';
import { Upcasters } from './upcasters';
import { UpcastingEventStore } from './upcasting.event-store';

const directory = mkdtempSync(join(tmpdir(), 'rapport-upcasting-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Version 1 stored grams as a number; version 2 stores a value with a unit. */
const upcasters = new Upcasters([
  { type: 'ParcelWeighed', fromVersion: 1, upcast: ({ grams, ...rest }) => ({ ...rest, weight: { value: grams, unit: 'g' } }) },
]);

function weighed(schemaVersion: number, data: EventToAppend['data']): EventToAppend {
  const event = anEvent(data);
  return { ...event, type: 'ParcelWeighed', metadata: { ...event.metadata, schemaVersion } };
}

const OLD = weighed(1, { parcel: 'p-1', grams: 1200 });
const CURRENT = weighed(2, { parcel: 'p-2', weight: { value: 3, unit: 'kg' } });
const UPCAST = { parcel: 'p-1', weight: { value: 1200, unit: 'g' } };

eventStoreContract('upcasting over in-memory', async () => new UpcastingEventStore(new InMemoryEventStore(), upcasters));

/** Each store holds OLD then CURRENT in `parcels-<run>`, OLD written as version 1 wrote it. */
const stores: readonly (readonly [string, (streamId: string) => Promise<EventStore>])[] = [
  [
    'in-memory, given the old JSON',
    async (streamId) => {
      const store = new InMemoryEventStore();
      await store.appendToStream(streamId, [JSON.parse(JSON.stringify(OLD)) as EventToAppend, CURRENT], 'no-stream');
      return store;
    },
  ],
  [
    'SQLite, given raw rows',
    async (streamId) => {
      const path = join(directory, `${aRunId()}.sqlite`);
      await SqliteEventStore.open(path).close();
      const db = new Database(path);
      const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
      [OLD, CURRENT].forEach((event, revision) =>
        insert.run(streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)),
      );
      db.close();
      return SqliteEventStore.open(path, { pollIntervalMs: 20 });
    },
  ],
];

describe.each(stores)('events stored in an old shape, %s', (_name, storeHolding) => {
  let streamId: string;
  let upcasting: UpcastingEventStore;
  beforeEach(async () => {
    streamId = `parcels-${aRunId()}`;
    upcasting = new UpcastingEventStore(await storeHolding(streamId), upcasters);
  });
  afterEach(() => upcasting.close());

  function expectUpcast(events: readonly RecordedEventData[]): void {
    expect(events.map(({ data, metadata }) => ({ data, schemaVersion: metadata.schemaVersion }))).toEqual([
      { data: UPCAST, schemaVersion: 2 },
      { data: CURRENT.data, schemaVersion: 2 },
    ]);
  }

  it('reads them upcast by stream, forwards and backwards', async () => {
    expectUpcast(await upcasting.readStream(streamId));
    expectUpcast([...(await upcasting.readStream(streamId, { direction: 'backwards' }))].reverse());
  });

  it('reads them upcast from all streams, with and without metadata', async () => {
    const all = await upcasting.readAll({ maxCount: 10 });
    expectUpcast(all);
    expect(all[0]?.metadata).toEqual({ ...OLD.metadata, schemaVersion: 2 });
    expectUpcast((await upcasting.readAllWithoutMetadata({ maxCount: 10 })) ?? []);
  });

  it('delivers them upcast to a subscription', async () => {
    const subscription = upcasting.subscribeToAll({});
    const collector = collect(subscription);
    await collector.waitFor(2);
    expectUpcast(collector.events);
    await subscription.close();
    await collector.finished;
  });

  it('reads them upcast with the digests of the stored shape, where the store digests', async () => {
    const { stored, readStreamDigested } = upcasting;
    expect(readStreamDigested === undefined).toBe(stored.readStreamDigested === undefined);
    if (readStreamDigested === undefined || stored.readStreamDigested === undefined) return;
    const { events, digests } = await readStreamDigested(streamId, () => false);
    expectUpcast(events);
    expect(digests).toEqual((await stored.readStreamDigested(streamId, () => false)).digests);
  });

  it('leaves them stored as they were written', async () => {
    const [old] = await upcasting.stored.readStream(streamId);
    expect(old).toMatchObject({ data: OLD.data, metadata: { schemaVersion: 1, hash: OLD.metadata.hash } });
  });
});
