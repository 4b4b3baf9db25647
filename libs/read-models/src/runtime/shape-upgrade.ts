import type { Projection } from '../projections/projection';
import { isFeed, type TrackedHandler } from './handler';
import type { ProjectorLogger } from './projector-options';

/** Rebuilds projections from position 0 and swaps them in (rebuild.ts), until `signal` aborts it. */
export type RebuildProjections = (projections: readonly Projection[], signal: AbortSignal) => Promise<unknown>;

/** How long a failed upgrade rebuild waits before it is tried again. */
const RETRY_MS = 30_000;

/**
 * The live projector's part in an upgrade: projections whose stored documents have an older shape
 * than the code's are rebuilt in the background, one rebuild at a time, while the other handlers go
 * on. The rebuild pauses the live projector as any rebuild does; its swap writes the code's shape
 * into the checkpoints. Only the lease holder starts one; losing the lease or stopping aborts it.
 */
export class ShapeUpgrade {
  private running: { readonly controller: AbortController; readonly done: Promise<void> } | undefined;
  private retryAt = 0;

  constructor(
    private readonly rebuild: RebuildProjections | undefined,
    private readonly logger: ProjectorLogger | undefined,
    private readonly onSettled: () => void,
  ) {}

  /** Starts rebuilding the handlers with an older shape, unless a rebuild runs already or a failed one waits to be tried again. */
  startIfDue(tracked: readonly TrackedHandler[]): void {
    const older = tracked.filter((t) => t.hasOlderShape);
    if (older.length === 0 || this.rebuild === undefined || this.running !== undefined || Date.now() < this.retryAt) return;
    const names = older.map((t) => t.name);
    const controller = new AbortController();
    const projections = older.flatMap((t) => (isFeed(t.handler) ? [] : [t.handler]));
    const done = this.rebuild(projections, controller.signal)
      .then(
        () => this.logger?.info?.('rebuilt the projections whose stored documents had an older shape', { projections: names }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          for (const t of older) t.lastError = message;
          this.retryAt = Date.now() + RETRY_MS;
          this.logger?.error('rebuilding projections of an older shape failed; tried again later', { projections: names, error: message });
        },
      )
      .finally(() => {
        this.running = undefined;
        this.onSettled();
      });
    this.running = { controller, done };
  }

  /** Aborts the rebuild under way, if any, and waits until it has cleaned up. */
  async abort(): Promise<void> {
    this.running?.controller.abort();
    await this.running?.done;
  }
}
