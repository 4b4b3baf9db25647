import { EventStoreDBClient } from '@eventstore/db-client';
import { startEsdbEmulator, type EsdbEmulator } from '../../../../../test/support/esdb-emulator';
import { describeWithServer } from '../../../../../test/support/integration-server';
import { eventStoreContract } from '../../contract/event-store.contract';
import { aRunId, aStreamId, anEvent, collect, someEvents, within } from '../../contract/event-store.fixtures';
import type { EventToAppend } from '../../event-store.port';
import { EsdbEventStore, type EsdbEventStoreOptions } from './esdb.event-store';

// Short waits so that reconnection cases finish quickly; production keeps the defaults.
const QUICK: EsdbEventStoreOptions = { retryDelayMs: 20, resubscribeDelayMs: 20, maxResubscribeDelayMs: 200 };
// EventStoreDB answers the same events at the same expected revision with idempotent success, not a conflict.
const ESDB = { duplicateEventIds: 'idempotent' } as const;

function onEmulator(label: string, batchAppend: boolean): void {
  describe(`on the EventStoreDB emulator (${label})`, () => {
    let emulator: EsdbEmulator | undefined;
    beforeAll(async () => {
      emulator = await startEsdbEmulator({ batchAppend });
    });
    afterAll(() => emulator?.stop());
    const connect = async () => {
      if (emulator === undefined) throw new Error('the emulator has not started');
      return EsdbEventStore.fromConnectionString(emulator.connectionString, QUICK);
    };
    eventStoreContract(`EventStoreDB (emulator, ${label})`, connect, undefined, ESDB);
  });
}

onEmulator('classic Append', false);
onEmulator('BatchAppend', true);

describeWithServer('EVENTSTORE_CONNECTION_STRING', 'EventStoreDB', 'EventStoreDB adapter', (address) => {
  eventStoreContract('EventStoreDB', async () => EsdbEventStore.fromConnectionString(address), undefined, ESDB);
});

describe('EventStoreDB event store (its own behaviour, on the emulator)', () => {
  let emulator: EsdbEmulator | undefined;
  let store: EsdbEventStore | undefined;
  const given = () => {
    if (store === undefined) throw new Error('no store');
    return store;
  };
  const started = () => {
    if (emulator === undefined) throw new Error('no emulator');
    return emulator;
  };
  beforeEach(async () => {
    emulator = await startEsdbEmulator();
    store = EsdbEventStore.fromConnectionString(emulator.connectionString, QUICK);
  });
  afterEach(async () => {
    await store?.close();
    await emulator?.stop();
  });

  it('stores correlation and causation ids under EventStoreDB’s $correlationId and $causationId, and reads back only ours', async () => {
    const streamId = aStreamId();
    const event = anEvent();
    await given().appendToStream(streamId, [event], 'no-stream');
    const raw = EventStoreDBClient.connectionString(started().connectionString);
    const [stored] = await collectAll(raw.readStream(streamId));
    await raw.dispose();
    const { correlationId, causationId } = event.metadata;
    expect(stored?.event?.metadata).toEqual({ ...event.metadata, $correlationId: correlationId, $causationId: causationId });
    expect((await given().readStream(streamId))[0]?.metadata).toEqual(event.metadata);
  });

  it('of ten writers racing at each exact expected revision, exactly one wins each revision', async () => {
    const streamId = aStreamId();
    const winners: EventToAppend[] = [];
    for (let revision = 0; revision < 10; revision++) {
      const contenders = someEvents(10);
      const expected = revision === 0 ? 'no-stream' : revision - 1;
      const outcomes = await Promise.allSettled(contenders.map((event) => given().appendToStream(streamId, [event], expected)));
      const won = contenders.filter((_, index) => outcomes[index]?.status === 'fulfilled');
      const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toEqual(Array(9).fill(expect.objectContaining({ code: 'stream-revision-conflict', actual: revision })));
      winners.push(...won);
    }
    const stored = await given().readStream(streamId);
    expect(stored.map((event) => [event.revision, event.id])).toEqual(winners.map((event, index) => [index, event.id]));
  });

  it('pages through $all in batches, keeping only the prefix and starting after the position', async () => {
    const small = EsdbEventStore.fromConnectionString(started().connectionString, { ...QUICK, readBatchSize: 3 });
    const run = aRunId();
    const after = await small.headPosition();
    const ours = someEvents(7);
    for (const [index, event] of ours.entries()) {
      await small.appendToStream(`customer-${run}`, [event], index === 0 ? 'no-stream' : index - 1);
      await small.appendToStream(`other-${run}-${index}`, [anEvent()], 'no-stream');
    }
    const page = await small.readAll({ afterPosition: after, maxCount: 5, streamPrefix: `customer-${run}` });
    const rest = await small.readAll({ afterPosition: page[4]?.position, maxCount: 5, streamPrefix: `customer-${run}` });
    await small.close();
    expect([...page, ...rest].map((event) => event.id)).toEqual(ours.map((event) => event.id));
  });

  it("skips EventStoreDB's own events in $all and still fills each page with user events", async () => {
    const small = EsdbEventStore.fromConnectionString(started().connectionString, { ...QUICK, readBatchSize: 2 });
    const streamId = `customer-${aRunId()}`;
    const ours = someEvents(6);
    for (const [index, event] of ours.entries()) {
      started().store.appendStatsSample();
      started().store.appendStatsSample();
      await small.appendToStream(streamId, [event], index === 0 ? 'no-stream' : index - 1);
    }
    const systemEvents = started().store.all.filter((event) => event.streamName.startsWith('$'));
    const page = await small.readAll({ afterPosition: 0, maxCount: 4 });
    const rest = await small.readAll({ afterPosition: page[3]?.position, maxCount: 4 });
    await small.close();
    expect(systemEvents.length).toBeGreaterThan(ours.length * 2);
    expect(page.map((event) => event.id)).toEqual(ours.slice(0, 4).map((event) => event.id));
    expect(rest.map((event) => event.id)).toEqual(ours.slice(4).map((event) => event.id));
  });

  it('delivers no EventStoreDB event to a subscription to $all, before or after it caught up', async () => {
    const streamId = `customer-${aRunId()}`;
    const [a, b] = someEvents(2);
    await given().appendToStream(streamId, [a], 'no-stream');
    started().store.appendStatsSample();
    const received = collect(given().subscribeToAll({}));
    await received.waitFor(1);
    started().store.appendStatsSample();
    await given().appendToStream(streamId, [b], 0);
    await received.waitFor(2);
    await given().close();
    expect(received.events.map((event) => event.id)).toEqual([a, b].map((event) => event.id));
  });

  describe('when the server goes away', () => {
    it('fails calls with EventStoreUnavailable, and the client itself reconnects: the next call after a restart succeeds', async () => {
      // One attempt per call: this shows the client's reconnection, not the adapter's retries.
      const once = EsdbEventStore.fromConnectionString(started().connectionString, { attempts: 1 });
      const streamId = aStreamId();
      await once.appendToStream(streamId, [anEvent()], 'no-stream');
      await started().stop();
      await expect(once.appendToStream(streamId, [anEvent()], 0)).rejects.toMatchObject({ code: 'event-store-unavailable' });
      await expect(once.headPosition()).rejects.toMatchObject({ code: 'event-store-unavailable' });
      emulator = await startEsdbEmulator({ port: started().port, store: started().store });
      await expect(once.appendToStream(streamId, [anEvent()], 0)).resolves.toMatchObject({ revision: 1 });
      expect(await once.readStream(streamId)).toHaveLength(2);
      await once.close();
    });

    it('retries a call while the server is unreachable and succeeds once it is back, writing the events once', async () => {
      const patient = EsdbEventStore.fromConnectionString(started().connectionString, { attempts: 8, retryDelayMs: 25 });
      const streamId = aStreamId();
      await patient.appendToStream(streamId, [anEvent()], 'no-stream');
      const { port, store: data } = started();
      await started().stop();
      const restarted = new Promise((resolve) => setTimeout(resolve, 100)).then(() => startEsdbEmulator({ port, store: data }));
      const append = patient.appendToStream(streamId, [anEvent()], 0);
      emulator = await restarted;
      await expect(append).resolves.toMatchObject({ revision: 1 });
      expect(await patient.readStream(streamId)).toHaveLength(2);
      await patient.close();
    });

    it('a subscription resubscribes after its last delivered event once the server is back', async () => {
      const dropped: number[] = [];
      const onSubscriptionDropped = (_: unknown, attempt: number) => dropped.push(attempt);
      const watched = EsdbEventStore.fromConnectionString(started().connectionString, { ...QUICK, onSubscriptionDropped });
      const streamId = `customer-${aRunId()}`;
      const [a, b, c] = someEvents(3);
      const subscription = watched.subscribeToAll({ streamPrefix: streamId });
      const received = collect(subscription);
      await watched.appendToStream(streamId, [a, b], 'no-stream');
      await received.waitFor(2);
      await started().stop();
      await waitUntil(() => dropped.length >= 2);
      emulator = await startEsdbEmulator({ port: started().port, store: started().store });
      await watched.appendToStream(streamId, [c], 1);
      await received.waitFor(3);
      await watched.close();
      await within(received.finished, 5000, 'the end of the for-await loop after close()');
      expect(received.events.map((event) => event.id)).toEqual([a, b, c].map((event) => event.id));
    });

    it('close() ends a subscription that is waiting to resubscribe', async () => {
      const dropped: number[] = [];
      const onSubscriptionDropped = (_: unknown, attempt: number) => dropped.push(attempt);
      const watched = EsdbEventStore.fromConnectionString(started().connectionString, {
        resubscribeDelayMs: 60_000,
        onSubscriptionDropped,
      });
      const streamId = aStreamId();
      const subscription = watched.subscribeToAll({ streamPrefix: streamId });
      const received = collect(subscription);
      await watched.appendToStream(streamId, [anEvent()], 'no-stream');
      await received.waitFor(1);
      await started().stop();
      await waitUntil(() => dropped.length === 1);
      await watched.close();
      await within(received.finished, 1000, 'the end of the for-await loop after close()');
    });
  });

  it('rejects calls after close() with EventStoreUnavailable', async () => {
    await given().close();
    await expect(given().readStream(aStreamId())).rejects.toMatchObject({ code: 'event-store-unavailable' });
    expect(() => given().subscribeToAll({})).toThrow(expect.objectContaining({ code: 'event-store-unavailable' }));
  });
});

describe('EventStoreDB event store on a server past its BatchAppend deadline (emulator)', () => {
  it('retries an append answered DEADLINE_EXCEEDED and writes its events once', async () => {
    const emulator = await startEsdbEmulator({ batchAppend: true });
    // The client's deadline for each call, in ms: short, so that the held batch passes it soon.
    const store = EsdbEventStore.fromConnectionString(`${emulator.connectionString}&defaultDeadline=200`, QUICK);
    const streamId = aStreamId();
    const [first, second] = someEvents(2);
    await store.appendToStream(streamId, [first], 'no-stream');
    emulator.holdBatchAppends(1);
    await expect(store.appendToStream(streamId, [second], 0)).resolves.toMatchObject({ revision: 1 });
    expect(emulator.deadlinesExceeded).toBe(1);
    expect((await store.readStream(streamId)).map((event) => event.id)).toEqual([first, second].map((event) => event.id));
    await store.close();
    await emulator.stop();
  });

  it('fails the append with EventStoreUnavailable when every attempt passes its deadline', async () => {
    const emulator = await startEsdbEmulator({ batchAppend: true });
    const store = EsdbEventStore.fromConnectionString(`${emulator.connectionString}&defaultDeadline=100`, { ...QUICK, attempts: 2 });
    const streamId = aStreamId();
    emulator.holdBatchAppends(2);
    await expect(store.appendToStream(streamId, [anEvent()], 'no-stream')).rejects.toMatchObject({ code: 'event-store-unavailable' });
    expect(emulator.deadlinesExceeded).toBe(2);
    expect(await store.readStream(streamId)).toEqual([]);
    await store.close();
    await emulator.stop();
  });
});

async function collectAll<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
