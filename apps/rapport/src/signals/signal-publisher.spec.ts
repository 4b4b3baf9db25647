import { InMemoryEventStore, type EventToAppend } from '@rapport/event-store';
import type { PositionedSignal, SignalLog } from './signal-log';
import { SignalPublisher, type PublisherPhase } from './signal-publisher';

/** A signal log with Kafka's transactional semantics: an append commits all of its signals or none. */
class FakeSignalLog implements SignalLog {
  readonly committed: PositionedSignal[] = [];
  opens = 0;
  /** Makes the next append fail, after committing (an unknown outcome) or before. */
  nextFailure: 'after-commit' | 'before-commit' | undefined;
  private waiters: { count: number; resolve: () => void }[] = [];

  async open(): Promise<number> {
    this.opens += 1;
    return this.committed.at(-1)?.position ?? 0;
  }

  async append(signals: readonly PositionedSignal[]): Promise<void> {
    const failure = this.nextFailure;
    this.nextFailure = undefined;
    if (failure === 'before-commit') throw new Error('broker unreachable');
    this.committed.push(...signals);
    this.waiters = this.waiters.filter((waiter) => (this.committed.length >= waiter.count ? (waiter.resolve(), false) : true));
    if (failure === 'after-commit') throw new Error('commit timed out (it went through)');
  }

  async close(): Promise<void> {}

  /** Resolves once `count` signals are committed: the fact the tests wait for. */
  holding(count: number): Promise<void> {
    if (this.committed.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

const event = (type: string, customerId: string, n: number): EventToAppend => ({
  id: `${customerId}-e${n}`,
  type,
  data: { customerId, occurredAt: '2026-02-01T10:00:00Z', ...(type === 'CustomerChurned' ? { reason: 'sealed:v1:x' } : {}) },
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    actor: 'spec',
    channel: 'test',
    occurredAt: '2026-02-01T10:00:00Z',
    recordedAt: '2026-02-01T10:00:01Z',
    schemaVersion: 1,
    previousHash: null,
    hash: `h-${customerId}-${n}`,
  },
});

/** Each customer: acquired (no signal), then churned (one signal). */
async function storeChurns(store: InMemoryEventStore, customers: readonly string[]): Promise<void> {
  for (const id of customers)
    await store.appendToStream(`customer-${id}`, [event('CustomerAcquired', id, 0), event('CustomerChurned', id, 1)], 'no-stream');
}

const ids = (log: FakeSignalLog) => log.committed.map((s) => s.signal.id);
const churnIds = (customers: readonly string[]) => customers.map((id) => `${id}-e1:churned`);
const customersNamed = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}${n}`);

describe('SignalPublisher', () => {
  let store: InMemoryEventStore;
  let log: FakeSignalLog;
  let publisher: SignalPublisher;
  let halts: string[];

  beforeEach(() => {
    store = new InMemoryEventStore();
    log = new FakeSignalLog();
    halts = [];
    publisher = new SignalPublisher(store, log, {
      batchSize: 7,
      idleMs: 60_000,
      retryBaseMs: 1,
      onFailure: () => undefined,
      onHalt: (reason) => halts.push(reason),
    });
  });
  afterEach(async () => {
    await publisher.stop();
    await store.close();
  });

  it('given stored events, publishes the signal of each once, in position order, across many batches', async () => {
    const customers = customersNamed('a', 20);
    await storeChurns(store, customers);
    publisher.start();
    await log.holding(20);
    expect(ids(log)).toEqual(churnIds(customers));
    expect(log.committed.map((s) => s.position)).toEqual([...log.committed.map((s) => s.position)].sort((x, y) => x - y));
  });

  it('reports its progress: the position published through and the signals each batch committed', async () => {
    const progress: [number, number][] = [];
    const reporting = new SignalPublisher(store, log, {
      batchSize: 3,
      idleMs: 60_000,
      retryBaseMs: 1,
      onFailure: () => undefined,
      onHalt: () => undefined,
      onProgress: (position, signals) => progress.push([position, signals]),
    });
    await storeChurns(store, customersNamed('p', 3));
    reporting.start();
    await log.holding(3);
    await until(() => progress.at(-1)?.[0] === 6);
    await reporting.stop();
    // Six events (acquired, churned per customer) in batches of three: positions 3 and 6 (the in-memory store counts from 1).
    expect(progress.reduce((sum, [, signals]) => sum + signals, 0)).toBe(3);
    expect(progress.map(([position]) => position)).toEqual([3, 6]);
  });

  it('given events appended while it waits, wakes and publishes them', async () => {
    await storeChurns(store, ['early']);
    publisher.start();
    await log.holding(1);
    await storeChurns(store, ['late']);
    await log.holding(2);
    expect(ids(log)).toEqual(churnIds(['early', 'late']));
  });

  it('given a log that already holds the first signals (an earlier run), resumes after the last of them', async () => {
    const customers = customersNamed('r', 10);
    await storeChurns(store, customers);
    const earlier = new SignalPublisher(store, log, {
      batchSize: 4,
      idleMs: 60_000,
      retryBaseMs: 1,
      onFailure: () => undefined,
      onHalt: () => undefined,
    });
    earlier.start();
    await log.holding(2);
    await earlier.stop();
    const publishedBefore = log.committed.length;
    expect(publishedBefore).toBeLessThan(10);

    publisher.start();
    await log.holding(10);
    expect(ids(log)).toEqual(churnIds(customers));
    expect(log.opens).toBe(2);
  });

  it.each(['after-commit', 'before-commit'] as const)(
    'given an append that fails %s, reopens the log and resumes after its last committed signal: each signal once',
    async (failure) => {
      const customers = customersNamed('f', 12);
      await storeChurns(store, customers);
      log.nextFailure = failure;
      publisher.start();
      await log.holding(12);
      expect(ids(log)).toEqual(churnIds(customers));
      expect(log.opens).toBe(2);
    },
  );

  it('given a log ahead of this store (written from another store), halts without publishing', async () => {
    log.committed.push({ position: 1_000_000, signal: { id: 'other-store' } as PositionedSignal['signal'] });
    await storeChurns(store, ['h']);
    publisher.start();
    await until(() => publisher.state().name === 'halted');
    expect(publisher.state()).toEqual<PublisherPhase>({
      name: 'halted',
      reason: expect.stringContaining('position 1000000') as unknown as string,
    });
    expect(halts).toHaveLength(1);
    expect(ids(log)).toEqual(['other-store']);
  });
});

/** Waits for a condition the publisher reaches by itself, checking after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
