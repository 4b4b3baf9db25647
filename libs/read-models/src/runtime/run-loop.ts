import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import type { Wakeup } from './wakeup';

export interface LoopOptions {
  /** One unit of work; true when more is waiting right away. */
  readonly step: () => Promise<boolean>;
  readonly isStopping: () => boolean;
  readonly wakeup: Wakeup;
  readonly idleMs: number;
  /**
   * Once caught up, the least time between the starts of two steps: under a steady stream of
   * appends a step then takes several in one batch instead of paying its fixed cost for each.
   */
  readonly minStepIntervalMs?: number;
  /** First wait after a failure, doubled on each further one up to 30 s. */
  readonly retryBaseMs: number;
  readonly onFailure: (error: unknown, failures: number) => void;
}

/**
 * Runs steps until stopped: straight on while behind, waiting for news when idle, backing off
 * after failures. Every step starts on a fresh turn of the event loop: the embedded stores answer
 * synchronously, and a runner catching up would otherwise hold the loop (and every request the
 * service has in hand) for its whole catch-up as one chain of microtasks.
 */
export async function runLoop(options: LoopOptions): Promise<void> {
  let failures = 0;
  let lastStepAt = Number.NEGATIVE_INFINITY;
  let isBehind = false;
  while (!options.isStopping()) {
    const wait = isBehind ? 0 : lastStepAt + (options.minStepIntervalMs ?? 0) - performance.now();
    await (wait > 0 ? sleep(wait) : nextMacrotask());
    if (options.isStopping()) return;
    lastStepAt = performance.now();
    try {
      isBehind = await options.step();
      failures = 0;
      if (!isBehind) await options.wakeup.wait(options.idleMs);
    } catch (error: unknown) {
      isBehind = false;
      failures += 1;
      options.onFailure(error, failures);
      await options.wakeup.wait(Math.min(30_000, options.retryBaseMs * 2 ** Math.min(failures - 1, 7)));
    }
  }
}
