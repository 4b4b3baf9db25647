import type { Wakeup } from './wakeup';

export interface LoopOptions {
  /** One unit of work; true when more is waiting right away. */
  readonly step: () => Promise<boolean>;
  readonly isStopping: () => boolean;
  readonly wakeup: Wakeup;
  readonly idleMs: number;
  /** First wait after a failure, doubled on each further one up to 30 s. */
  readonly retryBaseMs: number;
  readonly onFailure: (error: unknown, failures: number) => void;
}

/** Runs steps until stopped: straight on while behind, waiting for news when idle, backing off after failures. */
export async function runLoop(options: LoopOptions): Promise<void> {
  let failures = 0;
  while (!options.isStopping()) {
    try {
      const isBehind = await options.step();
      failures = 0;
      if (!isBehind) await options.wakeup.wait(options.idleMs);
    } catch (error: unknown) {
      failures += 1;
      options.onFailure(error, failures);
      await options.wakeup.wait(Math.min(30_000, options.retryBaseMs * 2 ** Math.min(failures - 1, 7)));
    }
  }
}
