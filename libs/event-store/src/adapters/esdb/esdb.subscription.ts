import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { EventStoreUnavailable } from '../../event-store.errors';
import type { EventSubscription, RecordedEvent } from '../../event-store.port';
import { isTransient, toPortError, toUnavailable } from './esdb.errors';
import { isUserEvent, toRecordedEvent } from './esdb.mapping';

export interface EsdbSubscriptionSettings {
  /** Opens a server subscription delivering events after this position (exclusive). */
  readonly open: (afterPosition: number) => AllStreamSubscription;
  readonly afterPosition: number;
  readonly streamPrefix: string | undefined;
  readonly resubscribeDelayMs: number;
  readonly maxResubscribeDelayMs: number;
  readonly onDropped: (reason: EventStoreUnavailable, attempt: number) => void;
  readonly onClose: (subscription: EsdbSubscription) => void;
}

/**
 * A catch-up subscription to $all that outlives its connection. When the server drops it
 * (restart, network, leader change), it waits (doubling, capped) and subscribes again after the
 * last delivered position, so the consumer still sees each event once and in order. Events are
 * checked against the prefix and the last position here too: a resubscription may repeat some.
 */
export class EsdbSubscription implements EventSubscription {
  private isClosed = false;
  private position: number;
  private failures = 0;
  private reader: SubscriptionReader | undefined;
  private readonly pause = new Pause();

  constructor(private readonly settings: EsdbSubscriptionSettings) {
    this.position = settings.afterPosition;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.isClosed) {
        const reason = yield* this.relayUntilDropped();
        if (this.isClosed) return;
        this.failures += 1;
        this.settings.onDropped(reason, this.failures);
        const { resubscribeDelayMs, maxResubscribeDelayMs } = this.settings;
        await this.pause.sleep(Math.min(maxResubscribeDelayMs, resubscribeDelayMs * 2 ** (this.failures - 1)));
      }
    } finally {
      // Leaving the for-await loop early (break, throw) ends the subscription too.
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.pause.interrupt();
    await this.reader?.stop();
    this.settings.onClose(this);
  }

  /** Relays one server subscription until it ends; returns why, or throws what cannot be retried. */
  private async *relayUntilDropped(): AsyncGenerator<RecordedEvent, EventStoreUnavailable> {
    const reader = new SubscriptionReader(this.settings.open(this.position));
    this.reader = reader;
    try {
      for (let resolved = await reader.next(); resolved !== undefined && !this.isClosed; resolved = await reader.next()) {
        const event = resolved.event;
        if (event === undefined || !isUserEvent(event, this.settings.streamPrefix)) continue;
        const recorded = toRecordedEvent(resolved);
        if (recorded.position <= this.position) continue;
        this.position = recorded.position;
        this.failures = 0;
        yield recorded;
      }
      return toUnavailable(new Error('EventStoreDB ended the subscription'));
    } catch (error: unknown) {
      if (!isTransient(error)) throw toPortError(error);
      return toUnavailable(error);
    } finally {
      await reader.stop();
    }
  }
}

// Events buffered before the client stream is paused; gRPC flow control then holds the server.
const HIGH_WATER_MARK = 256;

/** Hands out one client subscription's events one at a time, and its error or end. */
class SubscriptionReader {
  private buffer: AllStreamResolvedEvent[] = [];
  private failure: { readonly error: unknown } | undefined;
  private hasEnded = false;
  private notify: (() => void) | undefined;

  constructor(private readonly stream: AllStreamSubscription) {
    stream.on('data', (event: AllStreamResolvedEvent) => {
      this.buffer.push(event);
      if (this.buffer.length >= HIGH_WATER_MARK) stream.pause();
      this.wake();
    });
    stream.on('error', (error: Error) => {
      this.failure ??= { error };
      this.wake();
    });
    stream.on('end', () => this.end());
    stream.on('close', () => this.end());
  }

  async next(): Promise<AllStreamResolvedEvent | undefined> {
    for (;;) {
      const event = this.buffer.shift();
      if (event !== undefined) {
        if (this.buffer.length < HIGH_WATER_MARK / 2) this.stream.resume();
        return event;
      }
      if (this.failure !== undefined) throw this.failure.error;
      if (this.hasEnded) return undefined;
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
  }

  async stop(): Promise<void> {
    this.buffer = [];
    this.end();
    // Cancelling a call that already failed, or never started, has nothing to undo.
    await this.stream.unsubscribe().catch(() => undefined);
  }

  private end(): void {
    this.hasEnded = true;
    this.wake();
  }

  private wake(): void {
    const notify = this.notify;
    this.notify = undefined;
    notify?.();
  }
}

/** A sleep that close() can cut short. */
class Pause {
  private wakeUp: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  interrupt(): void {
    this.wakeUp?.();
  }
}
