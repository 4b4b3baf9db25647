import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, EventSubscription } from '@rapport/event-store';
import { CUSTOMER_STREAM_PREFIX } from '@rapport/kernel';
import { signalsFor } from './customer-signals';
import type { PositionedSignal, SignalLog } from './signal-log';

export interface SignalPublisherOptions {
  /** Stored events read, and their signals written in one transaction, per step. */
  readonly batchSize: number;
  /** Longest wait for new events when caught up (a subscription usually wakes it sooner). */
  readonly idleMs: number;
  /** First wait after a failure, doubled on each further one up to 30 s. */
  readonly retryBaseMs: number;
  readonly onFailure: (error: unknown, failures: number) => void;
  /** After each batch: the source position now published through, and the signals the batch committed. */
  readonly onProgress?: (position: number, signals: number) => void;
  /** The publisher stopped for good, for a reason only a person can fix. */
  readonly onHalt: (reason: string) => void;
}

export type PublisherPhase =
  | { readonly name: 'stopped' }
  | { readonly name: 'running'; readonly position: number | undefined }
  | { readonly name: 'stopping' }
  | { readonly name: 'halted'; readonly reason: string };

/**
 * Follows the event store and writes each stored event's signals to the signal log (issue 12 item 4).
 * The log is its own checkpoint: on start, and after any failure (a commit whose outcome is unknown
 * included), it reopens the log and resumes after the last signal the log holds as committed. A
 * class with start and stop so that the app, or later a lease, decides when it runs.
 */
export class SignalPublisher {
  private phase: PublisherPhase = { name: 'stopped' };
  private running: Promise<void> | undefined;
  private subscription: EventSubscription | undefined;
  private wake: (() => void) | undefined;
  private hasNews = false;

  constructor(
    private readonly events: EventStore,
    private readonly log: SignalLog,
    private readonly options: SignalPublisherOptions,
  ) {}

  start(): void {
    if (this.phase.name !== 'stopped') return;
    this.phase = { name: 'running', position: undefined };
    this.running = this.run();
  }

  /** Running, or why not. */
  state(): PublisherPhase {
    return this.phase;
  }

  async stop(): Promise<void> {
    if (this.phase.name === 'stopped') return;
    this.phase = { name: 'stopping' };
    this.ring();
    await this.subscription?.close();
    await this.running;
    await this.log.close();
    this.phase = { name: 'stopped' };
  }

  /** The source position published through, once the log was opened. */
  publishedThrough(): number | undefined {
    return this.phase.name === 'running' ? this.phase.position : undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.phase.name === 'running') {
      try {
        if (this.phase.position === undefined) await this.resume();
        const isBehind = await this.step();
        failures = 0;
        if (!isBehind) await this.waitForNews(this.options.idleMs);
      } catch (error: unknown) {
        failures += 1;
        this.options.onFailure(error, failures);
        if (this.phase.name === 'running') this.phase = { name: 'running', position: undefined };
        await this.log.close().catch(() => undefined);
        await this.waitForNews(Math.min(30_000, this.options.retryBaseMs * 2 ** Math.min(failures - 1, 7)));
      }
    }
  }

  private async resume(): Promise<void> {
    const position = await this.log.open();
    if (this.phase.name !== 'running') return;
    const head = await this.events.headPosition();
    if (position > head) {
      // Positions belong to one store: resuming after a position this store never reached would skip its events.
      this.phase = { name: 'halted', reason: `the signal log holds position ${position}, beyond this event store's head ${head}` };
      this.options.onHalt(this.phase.reason);
      return;
    }
    this.phase = { name: 'running', position };
    this.subscription ??= this.listen(head);
  }

  /** One batch: its signals in one append, then the position moves past every event read. True when more may be waiting. */
  private async step(): Promise<boolean> {
    if (this.phase.name !== 'running' || this.phase.position === undefined) return false;
    const { batchSize } = this.options;
    const records = await this.events.readAll({
      afterPosition: this.phase.position,
      maxCount: batchSize,
      streamPrefix: CUSTOMER_STREAM_PREFIX,
    });
    const last = records.at(-1);
    if (!last) return false;
    const signals: PositionedSignal[] = records.flatMap((record) =>
      signalsFor(record).map((signal) => ({ position: record.position, signal })),
    );
    if (signals.length > 0) await this.log.append(signals);
    if (this.phase.name === 'running') this.phase = { name: 'running', position: last.position };
    this.options.onProgress?.(last.position, signals.length);
    return records.length === batchSize;
  }

  /** A subscription from the head rings whenever anything is appended, by this process or another. */
  private listen(afterPosition: number): EventSubscription {
    const subscription = this.events.subscribeToAll({ afterPosition, streamPrefix: CUSTOMER_STREAM_PREFIX });
    void (async () => {
      try {
        for await (const _event of subscription) this.ring();
      } catch {
        // The store closed or failed: the idle timer still wakes the loop, whose next read reports it.
      }
    })();
    return subscription;
  }

  private ring(): void {
    this.hasNews = true;
    this.wake?.();
  }

  /** Returns at once when news arrived since the last wait, else at the next news or after `timeoutMs`. */
  private async waitForNews(timeoutMs: number): Promise<void> {
    if (this.hasNews) {
      this.hasNews = false;
      return;
    }
    const controller = new AbortController();
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    await Promise.race([woken, sleep(timeoutMs, undefined, { signal: controller.signal }).catch(() => undefined)]);
    controller.abort();
    this.wake = undefined;
    this.hasNews = false;
  }
}
