import { runLoop } from './run-loop';
import { Wakeup } from './wakeup';

const INTERVAL_MS = 40;
// Timers may fire a millisecond early after rounding; never much earlier.
const TIMER_SLACK_MS = 2;

/** Runs the loop over scripted steps (true: more is waiting) and notes when each step started. */
async function startsOf(script: readonly boolean[], minStepIntervalMs: number): Promise<{ at: number[]; turns: number }> {
  const wakeup = new Wakeup();
  const at: number[] = [];
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  await runLoop({
    step: async () => {
      at.push(performance.now());
      const isBehind = script[at.length - 1] ?? false;
      if (!isBehind) wakeup.signal(); // news at once: only the pacing can hold the next step back
      return isBehind;
    },
    isStopping: () => at.length >= script.length,
    wakeup,
    idleMs: 10_000,
    minStepIntervalMs,
    retryBaseMs: 10,
    onFailure: () => undefined,
  });
  ticking = false;
  return { at, turns };
}

describe('runLoop: how a background runner paces itself', () => {
  it('once caught up, starts the next step no sooner than the interval after the one before, even with news waiting', async () => {
    const { at } = await startsOf([false, false, false], INTERVAL_MS);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
  });

  it('while behind, goes on at the next turn of the event loop, unpaced', async () => {
    const { at } = await startsOf([true, true, true, false], 10_000);
    expect((at[3] ?? 0) - (at[0] ?? 0)).toBeLessThan(1_000);
  });

  it('starts every step on a fresh turn, so other work runs between steps', async () => {
    const { turns } = await startsOf(
      Array.from({ length: 20 }, () => true),
      0,
    );
    expect(turns).toBeGreaterThanOrEqual(19);
  });
});
