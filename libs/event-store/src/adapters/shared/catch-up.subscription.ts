import type { EventSubscription, ReadAllOptions, RecordedEvent, SubscribeOptions } from '../../event-store.port';

export type ReadPage = (options: ReadAllOptions) => Promise<readonly RecordedEvent[]>;

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
 */
export class CatchUpSubscription implements EventSubscription {
  private isClosed = false;
  // Set by every signal and cleared before every read, so a signal that arrives while a
  // page is being read is not lost.
  private hasNews = true;
  private wake: (() => void) | undefined;
  private readonly stopListening: () => void;

  constructor(
    private readonly readPage: ReadPage,
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
        const page = await this.readPage({ afterPosition: position, maxCount: pageSize, streamPrefix });
        for (const event of page) {
          if (this.isClosed) return;
          position = event.position;
          yield event;
        }
        if (page.length < pageSize) await this.waitForNews();
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
