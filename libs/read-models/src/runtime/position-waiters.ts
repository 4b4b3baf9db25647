interface Waiter {
  readonly check: () => void;
  readonly finish: (isReached: boolean) => void;
}

/** Callers waiting for projections to reach a position (read-your-write, api.md `minPosition`). */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** Resolves true once `isReached()` holds, false after `timeoutMs` or on `releaseAll`. */
  wait(isReached: () => boolean, timeoutMs: number): Promise<boolean> {
    if (isReached()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        check: () => (isReached() ? waiter.finish(true) : undefined),
        finish: (value) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(value);
        },
      };
      const timer = setTimeout(() => waiter.finish(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Re-checks every waiter; call after positions move. */
  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  get hasWaiting(): boolean {
    return this.waiters.size > 0;
  }

  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.finish(false);
  }
}
