import { randomUUID } from 'node:crypto';
import { isStreamRevisionConflict } from '../event-store.errors';
import type { AppendResult, EventStore, EventSubscription, EventToAppend, RecordedEvent } from '../event-store.port';

/** Gives the store the current contract case runs against. */
export type Given = () => EventStore;

/** A fresh name per call: an EventStoreDB server is shared between tests and never empty. */
export function aRunId(): string {
  return randomUUID().replace(/-/g, '');
}

export function aStreamId(): string {
  return `customer-${aRunId()}`;
}

export function anEvent(data: EventToAppend['data'] = { note: 'contract' }): EventToAppend {
  const id = randomUUID();
  return {
    id,
    type: 'ContractTested',
    data,
    metadata: {
      correlationId: `corr-${id}`,
      causationId: `cause-${id}`,
      actor: 'contract-suite',
      channel: 'test',
      occurredAt: '2026-01-02T03:04:05.678Z',
      recordedAt: '2026-01-02T03:04:06.000Z',
      schemaVersion: 1,
      previousHash: null,
      hash: `hash-${id}`,
    },
  };
}

export function someEvents(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => anEvent({ index }));
}

/** The write loop in miniature (style.md §1.2): read the last revision, append at it, retry on conflict. */
export async function appendWithRetry(store: EventStore, streamId: string, event: EventToAppend, attempts = 100): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    try {
      return await store.appendToStream(streamId, [event], last?.revision ?? 'no-stream');
    } catch (error: unknown) {
      if (!isStreamRevisionConflict(error) || attempt >= attempts) throw error;
    }
  }
}

export function expectStrictlyIncreasing(values: readonly number[]): void {
  values.forEach((value, index) => {
    if (index > 0) expect(value).toBeGreaterThan(values[index - 1] ?? Number.NEGATIVE_INFINITY);
  });
}

export interface Collector {
  readonly events: readonly RecordedEvent[];
  /** Resolves once `count` events arrived; rejects when the loop ends first or time runs out. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Settles when the for-await loop over the subscription ends. */
  readonly finished: Promise<void>;
}

/** Runs a for-await loop over the subscription in the background, as a projector would. */
export function collect(subscription: EventSubscription): Collector {
  const events: RecordedEvent[] = [];
  const listeners = new Set<() => void>();
  let hasFinished = false;
  const finished = (async () => {
    try {
      for await (const event of subscription) {
        events.push(event);
        listeners.forEach((listener) => listener());
      }
    } finally {
      hasFinished = true;
      listeners.forEach((listener) => listener());
    }
  })();
  const waitFor = (count: number, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`waited for ${count} events, got ${events.length}: ${why}`));
      const timer = setTimeout(() => settle(() => fail('timed out')), timeoutMs);
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        outcome();
      };
      const check = () => {
        if (events.length >= count) settle(resolve);
        else if (hasFinished) settle(() => fail('the subscription ended'));
      };
      listeners.add(check);
      check();
    });
  return { events, waitFor, finished };
}

/** Rejects when `promise` has not settled within `ms`, naming what was awaited. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
