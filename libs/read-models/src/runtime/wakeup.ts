import type { EventStore, EventSubscription } from '@rapport/event-store';
import { CUSTOMER_STREAM_PREFIX } from '@rapport/kernel';

/**
 * Wakes an idle projector when events are appended: a subscription from the head (the store's
 * own catch-up machinery, which also sees other processes' appends) or, at the latest, a timer.
 */
export class Wakeup {
  private subscription: EventSubscription | undefined;
  private hasNews = false;
  private wake: (() => void) | undefined;

  listen(events: EventStore, afterPosition: number): void {
    const subscription = events.subscribeToAll({ afterPosition, streamPrefix: CUSTOMER_STREAM_PREFIX });
    this.subscription = subscription;
    void (async () => {
      try {
        for await (const _event of subscription) this.signal();
      } catch {
        // The store closed or failed: the timer still wakes the projector, which then reports the failure.
      }
    })();
  }

  signal(): void {
    this.hasNews = true;
    this.wake?.();
  }

  /** Waits for news or `timeoutMs`; returns at once when news arrived since the last wait. */
  wait(timeoutMs: number): Promise<void> {
    if (this.hasNews) {
      this.hasNews = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.hasNews = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.wake = done;
    });
  }

  async close(): Promise<void> {
    this.signal();
    await this.subscription?.close();
  }
}
