/** The outcome of one request inside a group: its own result, or its own error. */
export type Settled<Result> = { readonly ok: true; readonly value: Result } | { readonly ok: false; readonly error: unknown };

interface Pending<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects requests and hands them to `write` together, so a store can make them durable with
 * one commit (one fsync) instead of one each. One group is written at a time: the requests made
 * while it is being written wait and go together as the next group, so a slow commit makes the
 * next group larger rather than the queue of commits longer.
 *
 * `write` settles each request on its own; if it fails, nothing in the group took effect and
 * every request fails with that error. A group is written at the end of a turn of the event loop
 * (setImmediate), after every promise continuation that could add to it has run, or at once when
 * it reaches `maxGroupSize`; never more than `maxGroupSize` requests at a time.
 */
export class GroupCommit<Request, Result> {
  private queue: Pending<Request, Result>[] = [];
  private isScheduled = false;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly write: (requests: readonly Request[]) => Promise<readonly Settled<Result>[]>,
    private readonly maxGroupSize: number,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every request submitted so far is settled, writing what is queued without waiting for the turn to end. */
  async drain(): Promise<void> {
    for (;;) {
      this.writeNext();
      if (this.writing === undefined) return;
      await this.writing;
    }
  }

  private schedule(): void {
    // While a group is being written, its end schedules the next one.
    if (this.writing !== undefined) return;
    if (this.queue.length >= this.maxGroupSize) this.writeNext();
    else if (!this.isScheduled) {
      this.isScheduled = true;
      setImmediate(() => {
        this.isScheduled = false;
        this.writeNext();
      });
    }
  }

  private writeNext(): void {
    if (this.writing !== undefined || this.queue.length === 0) return;
    const group = this.queue.splice(0, this.maxGroupSize);
    this.writing = this.writeGroup(group).then(() => {
      this.writing = undefined;
      if (this.queue.length > 0) this.schedule();
    });
  }

  private async writeGroup(group: readonly Pending<Request, Result>[]): Promise<void> {
    let outcomes: readonly Settled<Result>[];
    try {
      outcomes = await this.write(group.map((pending) => pending.request));
    } catch (error: unknown) {
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) pending.reject(new Error('the group commit returned no outcome for this request'));
      else if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
