import type { EventStore, EventSubscription, RecordedEvent, SubscribeOptions } from '../../event-store.port';

/** What a catch-up subscription reads: pages of the log, and where its head is. */
export type PagedLog = Pick<EventStore, 'readAll' | 'headPosition'>;

/** Tells the subscriptions of one store instance that it has just appended. */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export interface CatchUpOptions extends SubscribeOptions {
  readonly pageSize: number;
  /** Re-read this often to see appends made by other processes; omit when none can write. */
  readonly pollIntervalMs?: number;
}

/**
 * A catch-up subscription over any paged `readAll`: reads pages after the last delivered
 * position, and once caught up waits for an append signal or the poll interval.
 *
 * With a stream prefix, a page that reaches the end has also passed over every event of other
 * streams up to the head, so the next read starts after the head, not after the last event
 * delivered: otherwise each append to another stream (an access-log entry per audit read) would
 * have the next read scan every such event again, a cost growing with each of them.
 */
export class CatchUpSubscription implements EventSubscription {
  private isClosed = false;
  // Set by every signal and cleared before every read, so a signal that arrives while a
  // page is being read is not lost.
  private hasNews = true;
  private wake: (() => void) | undefined;
  private readonly stopListening: () => void;

  constructor(
    private readonly log: PagedLog,
    signal: AppendSignal,
    private readonly options: CatchUpOptions,
    private readonly onClose: (subscription: CatchUpSubscription) => void = () => undefined,
  ) {
    this.stopListening = signal.listen(() => this.signalNews());
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    let position = this.options.afterPosition ?? 0;
    const { pageSize, streamPrefix } = this.options;
    try {
      while (!this.isClosed) {
        this.hasNews = false;
        // Read before the page: positions are taken in commit order, so a page that reaches the end
        // holds every wanted event up to this head.
        const head = await this.log.headPosition();
        const page = await this.log.readAll({ afterPosition: position, maxCount: pageSize, streamPrefix });
        for (const event of page) {
          if (this.isClosed) return;
          position = event.position;
          yield event;
        }
        if (page.length < pageSize) {
          position = Math.max(position, head);
          await this.waitForNews();
        }
      }
    } finally {
      // Leaving the for-await loop early (break, throw) ends the subscription too.
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.stopListening();
    this.wake?.();
    this.onClose(this);
  }

  private signalNews(): void {
    this.hasNews = true;
    this.wake?.();
  }

  private waitForNews(): Promise<void> {
    if (this.hasNews || this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      if (this.options.pollIntervalMs !== undefined) timer = setTimeout(this.wake, this.options.pollIntervalMs);
    });
  }
}
