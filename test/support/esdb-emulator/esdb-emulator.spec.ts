import { randomUUID } from 'node:crypto';
import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  type ReadStreamOptions,
  streamNameFilter,
} from '@eventstore/db-client';
import { describeWithServer } from '../integration-server';
import { EmulatorStore } from './emulator.store';
import { startEsdbEmulator, type EsdbEmulatorOptions } from './esdb-emulator.server';

// Pins the emulator to EventStoreDB's documented behaviour, through the real client, so that the
// same cases run against a real server (EVENTSTORE_CONNECTION_STRING) can confirm each one.

type Connection = { client: EventStoreDBClient; close: () => Promise<void> };

const aStream = (label = 'probe') => `emulator-${label}-${randomUUID()}`;
const anEvent = (type = 'Probed', data: Record<string, unknown> = { at: randomUUID() }) =>
  jsonEvent({ id: randomUUID(), type, data, metadata: { $correlationId: 'c-1', actor: 'spec' } });

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function semantics(name: string, connect: () => Promise<Connection>): void {
  describe(name, () => {
    let connection: Connection | undefined;
    const client = () => {
      if (connection === undefined) throw new Error('not connected');
      return connection.client;
    };
    const streamOf = async (stream: string, options?: ReadStreamOptions) =>
      (await collect(client().readStream(stream, options))).map((resolved) => resolved.event);
    beforeAll(async () => {
      connection = await connect();
    });
    afterAll(() => connection?.close());

    describe('appending', () => {
      it('with no_stream, creates the stream at revision 0 and answers its last revision and a position', async () => {
        const stream = aStream();
        const result = await client().appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: NO_STREAM });
        const stored = await streamOf(stream);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(stored.map((event) => event?.revision)).toEqual([0n, 1n]);
        expect(result.position?.commit).toBe(stored[1]?.position?.commit);
      });

      it.each<[string, number, AppendExpectedRevision, bigint | 'no_stream']>([
        ['no_stream when the stream exists', 2, 'no_stream', 1n],
        ['an exact revision below the current one', 2, 0n, 1n],
        ['an exact revision above the current one', 2, 5n, 1n],
        ['stream_exists when the stream is missing', 0, 'stream_exists', 'no_stream'],
        ['an exact revision when the stream is missing', 0, 0n, 'no_stream'],
      ])(
        'rejects %s with WrongExpectedVersionError naming the actual revision, writing nothing',
        async (_, existing, expectedRevision, actual) => {
          const stream = aStream();
          const earlier = Array.from({ length: existing }, () => anEvent());
          if (existing > 0) await client().appendToStream(stream, earlier, { expectedRevision: NO_STREAM });
          const failure = client().appendToStream(stream, [anEvent()], { expectedRevision });
          await expect(failure).rejects.toMatchObject({ type: 'wrong-expected-version', streamName: stream, actualVersion: actual });
          expect(await streamOf(stream).catch(() => [])).toHaveLength(existing);
        },
      );

      it('with any, creates a missing stream and appends to an existing one; stream_exists appends too', async () => {
        const stream = aStream();
        await client().appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        await client().appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        const result = await client().appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2n);
      });
    });

    describe('idempotence (same event ids)', () => {
      it('repeating an append at the same expected revision succeeds without writing', async () => {
        const stream = aStream();
        const events = [anEvent(), anEvent()];
        await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
        const repeat = await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
        expect(repeat.nextExpectedRevision).toBe(1n);
        expect((await streamOf(stream)).map((event) => event?.id)).toEqual(events.map((event) => event.id));
      });

      it('repeating an append with any succeeds without writing', async () => {
        const stream = aStream();
        const event = anEvent();
        await client().appendToStream(stream, [anEvent(), event], { expectedRevision: 'any' });
        const repeat = await client().appendToStream(stream, [event], { expectedRevision: 'any' });
        expect(repeat.nextExpectedRevision).toBe(1n);
        expect(await streamOf(stream)).toHaveLength(2);
      });

      it.each<[string, AppendExpectedRevision]>([
        ['an exact expected revision', NO_STREAM],
        ['any', 'any'],
      ])('a partial repeat with %s is a wrong expected version', async (_, expectedRevision) => {
        const stream = aStream();
        const [first, second] = [anEvent(), anEvent()];
        await client().appendToStream(stream, [first, second], { expectedRevision: NO_STREAM });
        const partial = client().appendToStream(stream, [first, anEvent()], { expectedRevision });
        await expect(partial).rejects.toMatchObject({ type: 'wrong-expected-version' });
        expect(await streamOf(stream)).toHaveLength(2);
      });
    });

    describe('reading a stream', () => {
      it.each<[string, ReadStreamOptions, bigint[]]>([
        ['forwards from the start', {}, [0n, 1n, 2n, 3n, 4n]],
        ['forwards from a revision, at most maxCount', { fromRevision: 1n, maxCount: 2 }, [1n, 2n]],
        ['forwards from past the end: nothing', { fromRevision: 9n }, []],
        ['backwards from the end, at most maxCount', { direction: BACKWARDS, fromRevision: END, maxCount: 2 }, [4n, 3n]],
        ['backwards from a revision', { direction: BACKWARDS, fromRevision: 2n }, [2n, 1n, 0n]],
      ])('reads %s', async (_, options, revisions) => {
        const stream = aStream();
        await client().appendToStream(
          stream,
          Array.from({ length: 5 }, () => anEvent()),
          { expectedRevision: NO_STREAM },
        );
        expect((await streamOf(stream, options)).map((event) => event?.revision)).toEqual(revisions);
      });

      it('fails with StreamNotFoundError for a stream that does not exist, in either direction', async () => {
        await expect(streamOf(aStream())).rejects.toMatchObject({ type: 'stream-not-found' });
        const backwards = streamOf(aStream(), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
        await expect(backwards).rejects.toMatchObject({ type: 'stream-not-found' });
      });

      it('returns id, type, JSON data and metadata as appended, the creation time and the log position', async () => {
        const stream = aStream();
        const event = anEvent('Detailed', { text: 'Zoë 王 🦄', nested: { list: [1, null, true] } });
        const before = Date.now();
        const { position } = await client().appendToStream(stream, [event], { expectedRevision: NO_STREAM });
        const [stored] = await streamOf(stream);
        expect(stored).toMatchObject({ id: event.id, type: 'Detailed', streamId: stream, revision: 0n, isJson: true });
        expect(stored).toMatchObject({ data: event.data, metadata: event.metadata });
        expect(stored?.created.getTime()).toBeGreaterThanOrEqual(before - 5000);
        expect(stored?.created.getTime()).toBeLessThanOrEqual(Date.now() + 5000);
        expect(stored?.position?.commit).toBe(position?.commit);
      });
    });

    describe('reading $all', () => {
      it('gives strictly increasing positions that grow by more than one per event', async () => {
        const stream = aStream();
        await client().appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: NO_STREAM });
        const commits = (await streamOf(stream)).map((event) => event?.position?.commit ?? 0n);
        expect(commits[1] - commits[0]).toBeGreaterThan(1n);
        expect(commits[2] - commits[1]).toBeGreaterThan(1n);
      });

      it('forwards from an event position starts with that event; backwards from it, with the one before', async () => {
        const stream = aStream();
        const events = [anEvent(), anEvent(), anEvent()];
        await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
        const position = (await streamOf(stream))[1]?.position;
        if (position === undefined) throw new Error('no position on the stored event');
        const forwards = await collect(client().readAll({ fromPosition: position, maxCount: 2 }));
        const backwards = await collect(client().readAll({ fromPosition: position, maxCount: 1, direction: BACKWARDS }));
        expect(forwards.map((resolved) => resolved.event?.id)).toEqual([events[1]?.id, events[2]?.id]);
        expect(backwards.map((resolved) => resolved.event?.id)).toEqual([events[0]?.id]);
      });

      it('backwards from the end starts with the newest event', async () => {
        const { position } = await client().appendToStream(aStream(), [anEvent()], { expectedRevision: NO_STREAM });
        const [newest] = await collect(client().readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
        expect(newest?.event?.position.commit).toBeGreaterThanOrEqual(position?.commit ?? 0n);
      });
    });

    describe('subscribing to $all', () => {
      it('confirms, delivers history after the position, reports caught up, then live events, filtered by stream prefix', async () => {
        const prefix = aStream('sub');
        const [first, second, third, live] = [anEvent(), anEvent(), anEvent(), anEvent()];
        const { position } = await client().appendToStream(`${prefix}-a`, [first], { expectedRevision: NO_STREAM });
        await client().appendToStream(aStream('other'), [anEvent()], { expectedRevision: NO_STREAM });
        await client().appendToStream(`${prefix}-a`, [second, third], { expectedRevision: 0n });
        if (position === undefined) throw new Error('no position');
        const received = record(client().subscribeToAll({ fromPosition: position, filter: streamNameFilter({ prefixes: [prefix] }) }));
        await received.until((seen) => seen.caughtUp && seen.events.length >= 2);
        await client().appendToStream(aStream('other'), [anEvent()], { expectedRevision: NO_STREAM });
        await client().appendToStream(`${prefix}-b`, [live], { expectedRevision: NO_STREAM });
        await received.until((seen) => seen.events.length >= 3);
        await received.stop();
        expect(received.confirmed).toBe(true);
        expect(received.events.map((event) => event.event?.id)).toEqual([second, third, live].map((event) => event.id));
      });

      it('from the end, delivers only events appended after it subscribed', async () => {
        const stream = aStream();
        await client().appendToStream(stream, [anEvent()], { expectedRevision: NO_STREAM });
        const received = record(client().subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [stream] }) }));
        await received.until((seen) => seen.confirmed);
        const live = anEvent();
        await client().appendToStream(stream, [live], { expectedRevision: 0n });
        await received.until((seen) => seen.events.length >= 1);
        await received.stop();
        expect(received.events.map((event) => event.event?.id)).toEqual([live.id]);
      });

      it('with excludeSystemEvents, skips events whose type starts with $', async () => {
        const stream = aStream();
        const { position } = await client().appendToStream(stream, [anEvent()], { expectedRevision: NO_STREAM });
        const [system, user] = [anEvent('$probe'), anEvent()];
        await client().appendToStream(stream, [system, user], { expectedRevision: 0n });
        if (position === undefined) throw new Error('no position');
        const received = record(client().subscribeToAll({ fromPosition: position, filter: excludeSystemEvents() }));
        await received.until((seen) => seen.events.some((event) => event.event?.id === user.id));
        await received.stop();
        expect(received.events.map((event) => event.event?.id)).not.toContain(system.id);
      });
    });
  });
}

interface Recording {
  readonly events: AllStreamResolvedEvent[];
  confirmed: boolean;
  caughtUp: boolean;
  until(condition: (seen: Recording) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Records what a subscription emits, ignoring events of other writers' streams on a shared server. */
function record(subscription: AllStreamSubscription): Recording {
  const checks = new Set<() => void>();
  const recording: Recording = {
    events: [],
    confirmed: false,
    caughtUp: false,
    until: (condition, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const fail = () => reject(new Error(`subscription condition not met; saw ${recording.events.length} events`));
        const timer = setTimeout(fail, timeoutMs);
        const check = () => {
          if (!condition(recording)) return;
          clearTimeout(timer);
          checks.delete(check);
          resolve();
        };
        checks.add(check);
        check();
      }),
    stop: () => subscription.unsubscribe(),
  };
  const changed = () => checks.forEach((check) => check());
  subscription.on('confirmation', () => ((recording.confirmed = true), changed()));
  subscription.on('caughtUp', () => ((recording.caughtUp = true), changed()));
  subscription.on('data', (event: AllStreamResolvedEvent) => (recording.events.push(event), changed()));
  return recording;
}

function emulatorConnection(options: EsdbEmulatorOptions): () => Promise<Connection> {
  return async () => {
    const emulator = await startEsdbEmulator(options);
    const client = EventStoreDBClient.connectionString(emulator.connectionString);
    return { client, close: async () => (await client.dispose(), await emulator.stop()) };
  };
}

semantics('EventStoreDB emulator, classic Append', emulatorConnection({}));
semantics('EventStoreDB emulator, BatchAppend', emulatorConnection({ batchAppend: true }));
describeWithServer('EVENTSTORE_CONNECTION_STRING', 'EventStoreDB', 'the emulator cases on a real server', (address) =>
  semantics('EventStoreDB', async () => {
    const client = EventStoreDBClient.connectionString(address);
    return { client, close: () => client.dispose() };
  }),
);

describe('EventStoreDB emulator (its own behaviour)', () => {
  it('serves a restarted server from the same store: the data and its positions survive', async () => {
    const first = await startEsdbEmulator();
    const before = EventStoreDBClient.connectionString(first.connectionString);
    const stream = aStream();
    await before.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: NO_STREAM });
    const stored = await collect(before.readStream(stream));
    await before.dispose();
    await first.stop();
    const second = await startEsdbEmulator({ port: first.port, store: first.store });
    const after = EventStoreDBClient.connectionString(second.connectionString);
    expect(await collect(after.readStream(stream))).toEqual(stored);
    await after.dispose();
    await second.stop();
  });

  it('after stop, the client fails with UnavailableError', async () => {
    const emulator = await startEsdbEmulator({ store: new EmulatorStore() });
    const client = EventStoreDBClient.connectionString(emulator.connectionString);
    await client.appendToStream(aStream(), [anEvent()]);
    await emulator.stop();
    await expect(client.appendToStream(aStream(), [anEvent()])).rejects.toMatchObject({ type: 'unavailable' });
    await client.dispose();
  });
});
