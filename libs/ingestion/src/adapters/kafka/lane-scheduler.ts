/**
 * Lanes of tasks: one lane's tasks run one after another in the order they were enqueued, different
 * lanes run side by side, and at most `limit` tasks hold a slot at any time.
 */
export class LaneScheduler {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private free: number;

  constructor(limit: number) {
    this.free = Math.max(1, limit);
  }

  /** Runs `task` once the lane's previous task has finished (without a lane, on the next turn). Tasks must not reject. */
  enqueue(lane: string | undefined, task: () => Promise<void>): Promise<void> {
    const previous = (lane === undefined ? undefined : this.tails.get(lane)) ?? Promise.resolve();
    const next = previous.then(task);
    if (lane !== undefined) this.tails.set(lane, next);
    return next;
  }

  /** Runs `work` holding a slot; tasks waiting for one get it in arrival order. */
  async withSlot<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
