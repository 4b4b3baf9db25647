import { verifyChain } from '@rapport/audit';
import { ManualClock } from '@rapport/kernel';
import { InMemoryEventStore } from './adapters/in-memory/in-memory.event-store';
import { CommandProcessor } from './command-processor';
import type { Decider } from './decider';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, SubscribeOptions } from './event-store.port';
import { StreamRevisionConflict } from './event-store.errors';

type Add = { type: 'Add'; amount: number; occurredAt: string };
type Added = { type: 'Added'; data: { amount: number; occurredAt: string } };
type Rejection = { code: 'too-much' };

/** A tiny decider: a running total that refuses to pass 100; adding 0 is a no-op. */
const totals: Decider<Add, Added, number, Rejection> = {
  initialState: 0,
  decide: (command, total) =>
    total + command.amount > 100
      ? { code: 'too-much' }
      : command.amount === 0
        ? []
        : [{ type: 'Added', data: { amount: command.amount, occurredAt: command.occurredAt } }],
  evolve: (total, event) => total + event.data.amount,
};

const add = (amount: number): Add => ({ type: 'Add', amount, occurredAt: '2026-01-01T00:00:00.000Z' });
const context = { correlationId: 'c-1', actor: 'test', channel: 'test' };
const processorOn = (store: EventStore, maxAttempts = 5) =>
  new CommandProcessor(store, totals, { clock: new ManualClock(new Date('2026-02-01T00:00:00Z')), schemaVersionOf: () => 1, maxAttempts });

describe('the write loop', () => {
  it('appends decided events with metadata and a hash chain that verifies', async () => {
    const store = new InMemoryEventStore();
    const processor = processorOn(store);
    await processor.execute('customer-1', add(5), context);
    const outcome = await processor.execute('customer-1', add(7), context);
    expect(outcome).toMatchObject({ kind: 'appended', revision: 1, eventTypes: ['Added'] });
    const events = await store.readStream('customer-1');
    expect(events[1]?.metadata).toMatchObject({
      correlationId: 'c-1',
      causationId: 'c-1',
      occurredAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-02-01T00:00:00.000Z',
      schemaVersion: 1,
    });
    expect(verifyChain(events)).toEqual({ valid: true, events: 2 });
  });

  it('records the policy version it decided under in every event, covered by the hash chain', async () => {
    const store = new InMemoryEventStore();
    const clock = new ManualClock(new Date('2026-02-01T00:00:00Z'));
    const processor = new CommandProcessor(store, totals, { clock, schemaVersionOf: () => 1, policyVersion: '2026-12-example' });
    await processor.execute('customer-1', add(5), context);
    await processor.execute('customer-1', add(7), context);
    const events = await store.readStream('customer-1');
    expect(events.map((event) => event.metadata.policyVersion)).toEqual(['2026-12-example', '2026-12-example']);
    expect(verifyChain(events)).toEqual({ valid: true, events: 2 });
    const forged = events.map((event, index) =>
      index === 1 ? { ...event, metadata: { ...event.metadata, policyVersion: 'another' } } : event,
    );
    expect(verifyChain(forged)).toMatchObject({ valid: false });
  });

  it('gives the events of its own commands version 7 ids of the instant it appends them', async () => {
    const store = new InMemoryEventStore();
    await processorOn(store).execute('customer-1', add(5), context);
    const [event] = await store.readStream('customer-1');
    expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(event?.id.replace(/-/g, '').slice(0, 12) ?? '', 16)).toBe(Date.parse('2026-02-01T00:00:00Z'));
  });

  it('a rejection appends nothing and comes back as a value', async () => {
    const store = new InMemoryEventStore();
    expect(await processorOn(store).execute('customer-1', add(101), context)).toEqual({
      kind: 'rejected',
      rejection: { code: 'too-much' },
    });
    expect(await store.readStream('customer-1')).toEqual([]);
  });

  it('an empty decision is unchanged at the current revision', async () => {
    const store = new InMemoryEventStore();
    const processor = processorOn(store);
    await processor.execute('customer-1', add(1), context);
    expect(await processor.execute('customer-1', add(0), context)).toEqual({ kind: 'unchanged', revision: 0, eventTypes: [] });
  });

  it('a redelivered upstream message appends nothing and answers as the first time', async () => {
    const store = new InMemoryEventStore();
    const upstream = { ...context, sourceMessage: 'core-banking/msg-42' };
    const first = await processorOn(store).execute('customer-1', add(3), upstream);
    const again = await processorOn(store).execute('customer-1', add(3), upstream);
    expect(again).toMatchObject({ kind: 'unchanged', revision: 0, eventTypes: ['Added'] });
    expect(first.kind === 'appended' && again.kind === 'unchanged' && again.position).toBe(first.kind === 'appended' && first.position);
    const [event] = await store.readStream('customer-1');
    // Version 8, beginning with the event's business time (event-ids.ts).
    expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(event?.id.replace(/-/g, '').slice(0, 12) ?? '', 16)).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
  });

  it('sees what another writer appended since it cached the stream', async () => {
    const store = new InMemoryEventStore();
    const mine = processorOn(store);
    await mine.execute('customer-1', add(50), context);
    await processorOn(store).execute('customer-1', add(45), context);
    expect(await mine.execute('customer-1', add(10), context)).toEqual({ kind: 'rejected', rejection: { code: 'too-much' } });
  });

  it('does not answer a rejection decided on a stale cached state: it re-reads and decides again', async () => {
    const store = new InMemoryEventStore();
    const mine = processorOn(store);
    await mine.execute('customer-1', add(95), context);
    await processorOn(store).execute('customer-1', add(-50), context);
    expect(await mine.execute('customer-1', add(10), context)).toMatchObject({ kind: 'appended', revision: 2 });
  });

  it('decides on its cached state without reading the stream before an append', async () => {
    const store = new CountingReads();
    const processor = processorOn(store);
    await processor.execute('customer-1', add(1), context);
    const readsAfterFirst = store.reads;
    const outcome = await processor.execute('customer-1', add(2), context);
    expect(outcome).toMatchObject({ kind: 'appended', revision: 1 });
    expect(store.reads).toBe(readsAfterFirst);
  });

  it('retries when the stream moves between read and append, then succeeds', async () => {
    const store = new RacingStore(new InMemoryEventStore(), 2);
    const outcome = await processorOn(store).execute('customer-1', add(1), context);
    expect(outcome).toMatchObject({ kind: 'appended', revision: 2 });
    expect((await store.readStream('customer-1')).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('gives up with the conflict after the bounded number of attempts', async () => {
    const store = new RacingStore(new InMemoryEventStore(), 10);
    await expect(processorOn(store, 3).execute('customer-1', add(1), context)).rejects.toBeInstanceOf(StreamRevisionConflict);
  });

  it('runs commands for one stream one at a time in arrival order', async () => {
    const store = new InMemoryEventStore();
    const processor = processorOn(store);
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => processor.execute('customer-1', add(1), context)));
    expect(outcomes.map((o) => (o.kind === 'appended' ? o.revision : -1))).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});

describe('a stateless write loop (its state never depends on its events: the access log)', () => {
  type Noted = { type: 'Noted'; data: { note: string; occurredAt: string } };
  const notes: Decider<string, Noted, null, never> = {
    initialState: null,
    decide: (note) => [{ type: 'Noted', data: { note, occurredAt: '2026-01-01T00:00:00.000Z' } }],
    evolve: () => null,
  };
  const clock = new ManualClock(new Date('2026-02-01T00:00:00Z'));
  const notesOn = (store: EventStore) => new CommandProcessor(store, notes, { clock, schemaVersionOf: () => 1, isStateless: true });

  it('loads a stream it has not cached from its last event alone, and chains the next append on it', async () => {
    const store = new CountingReads();
    const earlier = notesOn(store);
    for (const note of ['a', 'b', 'c']) await earlier.execute('access-1', note, context);
    const readBefore = store.eventsRead;
    expect(await notesOn(store).execute('access-1', 'd', context)).toMatchObject({ kind: 'appended', revision: 3 });
    expect(store.eventsRead - readBefore).toBe(1);
    expect(verifyChain(await store.readStream('access-1'))).toEqual({ valid: true, events: 4 });
  });

  it('refuses a command with a source message, whose redelivery it could not answer as the first time', async () => {
    await expect(notesOn(new InMemoryEventStore()).execute('access-1', 'a', { ...context, sourceMessage: 'm-1' })).rejects.toThrow(
      'a stateless write loop takes no source messages',
    );
  });
});

/** The in-memory store, counting stream reads and the events they returned. */
class CountingReads extends InMemoryEventStore {
  reads = 0;
  eventsRead = 0;
  override async readStream(...args: Parameters<EventStore['readStream']>) {
    this.reads++;
    const events = await super.readStream(...args);
    this.eventsRead += events.length;
    return events;
  }
}

/** Lets another writer slip in an event before each of the first `races` appends. */
class RacingStore implements EventStore {
  constructor(
    private readonly inner: InMemoryEventStore,
    private races: number,
  ) {}
  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.races-- > 0)
      await this.inner.appendToStream(
        streamId,
        events.map((e) => ({ ...e, id: `${e.id}-rival-${this.races}` })),
        'any',
      );
    return this.inner.appendToStream(streamId, events, expected);
  }
  readStream(...args: Parameters<EventStore['readStream']>) {
    return this.inner.readStream(...args);
  }
  readAll(options: ReadAllOptions) {
    return this.inner.readAll(options);
  }
  subscribeToAll(options: SubscribeOptions) {
    return this.inner.subscribeToAll(options);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  close() {
    return this.inner.close();
  }
}
