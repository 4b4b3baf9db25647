/** The outcome of one request inside a group: its own result, or its own error. */
export type Settled<Result> = { readonly ok: true; readonly value: Result } | { readonly ok: false; readonly error: unknown };

interface Pending<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects the requests made during one turn of the event loop and hands them to `write`
 * together, so a store can make them durable with one commit (one fsync) instead of one each.
 *
 * `write` settles each request on its own; if it throws, nothing in the group took effect and
 * every request fails with that error. The group is written at the end of the turn
 * (setImmediate), after every promise continuation that could add to it has run, or at once
 * when it reaches `maxGroupSize`.
 */
export class GroupCommit<Request, Result> {
  private queue: Pending<Request, Result>[] = [];
  private isScheduled = false;

  constructor(
    private readonly write: (requests: readonly Request[]) => readonly Settled<Result>[],
    private readonly maxGroupSize: number,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.queue.length >= this.maxGroupSize) this.flush();
      else if (!this.isScheduled) {
        this.isScheduled = true;
        setImmediate(() => {
          this.isScheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Writes whatever is queued now; a no-op when nothing is. */
  flush(): void {
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
    let outcomes: readonly Settled<Result>[];
    try {
      outcomes = this.write(group.map((pending) => pending.request));
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
